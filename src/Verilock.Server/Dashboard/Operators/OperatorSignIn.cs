using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Accounts;
using Verilock.Domain.Common;
using Verilock.Domain.Operators;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Dashboard.Operators;

/// <summary>
/// Checks an email and password. Every failure looks the same to the caller (unknown email, wrong password,
/// locked out, suspended account), so the form cannot be used to find out who has an account.
/// </summary>
public sealed class OperatorSignIn(VerilockDbContext db, PasswordHasher<Operator> hasher, TimeProvider time)
{
    // Verified against when the email is unknown or the operator locked out, so those answers take as long as a wrong
    // password: a quick refusal would tell which emails have an operator behind them.
    private static readonly Lazy<string> DecoyHash = new(() =>
        new PasswordHasher<Operator>().HashPassword(null!, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    public async Task<Operator?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalised = Operator.NormaliseEmail(email);
        var op = normalised.Length is 0 or > Operator.MaxEmailLength
            ? null
            : await db.Operators.FirstOrDefaultAsync(o => o.Email == normalised, cancellationToken);
        if (op is null)
        {
            hasher.VerifyHashedPassword(null!, DecoyHash.Value, password);
            return null;
        }
        var now = time.UtcSeconds();
        if (op.IsLockedOut(now))
        {
            hasher.VerifyHashedPassword(null!, DecoyHash.Value, password);
            return null;
        }
        var verdict = hasher.VerifyHashedPassword(op, op.PasswordHash, password);
        var accountActive = await db.Accounts.AnyAsync(a => a.Id == op.AccountId && a.Status == AccountStatus.Active, cancellationToken);
        if (verdict == PasswordVerificationResult.Failed)
        {
            op.RecordFailedLogin(now);
            await SaveAsync(cancellationToken);
            return null;
        }
        // An older hash format or iteration count is upgraded while the password is at hand.
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            op.PasswordHash = hasher.HashPassword(op, password);
        if (!accountActive)
            return null;
        op.RecordSuccessfulLogin(now);
        await SaveAsync(cancellationToken);
        return op;
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Two sign-ins at once for one operator: losing one counter update is harmless.
        }
    }
}
