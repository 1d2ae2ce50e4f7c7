using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Common;
using Verilock.Domain.Operators;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Accounts;

namespace Verilock.Server.Dashboard.Operators;

/// <summary>
/// Creates, disables, enables and re-passwords operators (the command line's <c>operators …</c>); passwords are stored
/// only as PBKDF2 hashes. Disabling and a new password change the security stamp, which ends the operator's open
/// dashboard sessions within <see cref="OperatorSessionCheck.CacheLifetime"/> on every server.
/// </summary>
public sealed class OperatorAdministration(VerilockDbContext db, AccountAdministration accounts, PasswordHasher<Operator> hasher, TimeProvider time)
{
    public const int MinPasswordLength = 12;
    public const int MaxPasswordLength = 256;

    /// <summary>Why the email or password cannot be used, or null.</summary>
    public static string? Problem(string email, string password)
    {
        var normalised = Operator.NormaliseEmail(email);
        if (normalised.Length is 0 or > Operator.MaxEmailLength || !System.Net.Mail.MailAddress.TryCreate(normalised, out var parsed)
            || parsed.Address != normalised)
            return "The email must be a valid email address.";
        return PasswordProblem(password);
    }

    /// <summary>Why the password cannot be used, or null: the same rule for a new operator and a new password.</summary>
    public static string? PasswordProblem(string password)
    {
        if (password.Length < MinPasswordLength)
            return $"The password must be at least {MinPasswordLength} characters.";
        return password.Length > MaxPasswordLength ? $"The password must be at most {MaxPasswordLength} characters." : null;
    }

    /// <summary>A random password for operators who did not choose one: 18 bytes, base64url (24 characters).</summary>
    public static string GeneratePassword() => Ids.Base64Url(RandomNumberGenerator.GetBytes(18));

    /// <summary>Creates the operator in the named account (created if missing); null when the email is taken.</summary>
    public async Task<Operator?> CreateAsync(string accountName, string email, string password, CancellationToken cancellationToken)
    {
        var normalised = Operator.NormaliseEmail(email);
        if (await db.Operators.AnyAsync(o => o.Email == normalised, cancellationToken))
            return null;
        var account = await accounts.FindOrCreateAccountAsync(accountName, cancellationToken);
        var op = new Operator { AccountId = account.Id, Email = normalised, CreatedAt = time.UtcSeconds() };
        op.ChangePassword(hasher.HashPassword(op, password));
        db.Operators.Add(op);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Created by another process between the check and the insert.
            return null;
        }
        return op;
    }

    /// <summary>Disables the operator of that account and email (ending their sessions), or enables them again.</summary>
    public Task<OperatorChange> SetDisabledAsync(string accountName, string email, bool disabled, CancellationToken cancellationToken) =>
        ChangeAsync(accountName, email, op =>
        {
            if (disabled)
                op.Disable();
            else
                op.Enable();
        }, cancellationToken);

    /// <summary>Sets a new password (checked with <see cref="PasswordProblem"/> first) and ends the operator's sessions.</summary>
    public Task<OperatorChange> ChangePasswordAsync(string accountName, string email, string password, CancellationToken cancellationToken) =>
        ChangeAsync(accountName, email, op => op.ChangePassword(hasher.HashPassword(op, password)), cancellationToken);

    private async Task<OperatorChange> ChangeAsync(string accountName, string email, Action<Operator> change, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Name == accountName, cancellationToken);
        if (account is null)
            return OperatorChange.NoSuchAccount;
        var normalised = Operator.NormaliseEmail(email);
        // The account must match too: a typo in --account never changes another customer's operator.
        var op = await db.Operators.FirstOrDefaultAsync(o => o.Email == normalised && o.AccountId == account.Id, cancellationToken);
        if (op is null)
            return OperatorChange.NoSuchOperator;
        change(op);
        await db.SaveChangesAsync(cancellationToken);
        return OperatorChange.Done;
    }
}

public enum OperatorChange
{
    Done,
    NoSuchAccount,
    NoSuchOperator,
}
