using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Accounts;
using Verilock.Domain.Common;
using Verilock.Domain.Operators;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Dashboard.Operators;

/// <summary>
/// Checks an email and password. Every failure looks the same to the caller (unknown email, wrong password,
/// locked out, disabled operator, suspended account), so the form cannot be used to find out who has an account.
/// </summary>
public sealed class OperatorSignIn(VerilockDbContext db, PasswordHasher<Operator> hasher, OperatorSessionCheck sessions, TimeProvider time)
{
    private static string? _decoyHash;

    public async Task<Operator?> VerifyAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalised = Operator.NormaliseEmail(email);
        var op = normalised.Length is 0 or > Operator.MaxEmailLength
            ? null
            : await db.Operators.FirstOrDefaultAsync(o => o.Email == normalised, cancellationToken);
        if (op is null)
        {
            VerifyDecoy(password);
            return null;
        }
        var now = time.UtcSeconds();
        if (op.IsLockedOut(now))
        {
            // The operator's own hash is not tried while locked (guessing stays pointless), but the decoy is, and the
            // attempt is counted, so this answer costs what a wrong password costs.
            VerifyDecoy(password);
            await FailedSignIns.RecordAsync(db, op.Id, now, cancellationToken);
            return null;
        }
        var verdict = hasher.VerifyHashedPassword(op, op.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await FailedSignIns.RecordAsync(db, op.Id, now, cancellationToken);
            return null;
        }
        var accountActive = await db.Accounts.AnyAsync(a => a.Id == op.AccountId && a.Status == AccountStatus.Active, cancellationToken);
        if (op.Disabled || !accountActive)
            return null;
        // An older hash format or iteration count is upgraded while the password is at hand.
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            op.UpgradePasswordHash(hasher.HashPassword(op, password));
        op.RecordSuccessfulLogin(now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // The operator was removed meanwhile; the sign-in itself stands on what was checked.
        }
        // What was just read is fresher than the session check's cache (an operator enabled seconds ago).
        sessions.Forget(op.Id);
        return op;
    }

    /// <summary>
    /// Verified against when the email is unknown or the operator locked out, so those answers take as long as a wrong
    /// password: a quick refusal would tell which emails have an operator behind them. Made with the server's own
    /// hasher, so its algorithm and iteration count are those of real hashes.
    /// </summary>
    private void VerifyDecoy(string password)
    {
        var decoy = LazyInitializer.EnsureInitialized(ref _decoyHash,
            () => hasher.HashPassword(null!, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));
        hasher.VerifyHashedPassword(null!, decoy, password);
    }
}
