using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Common;
using Verilock.Domain.Operators;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Accounts;

namespace Verilock.Server.Dashboard.Operators;

/// <summary>Creates operators (the command line's <c>operators create</c>); passwords are stored only as PBKDF2 hashes.</summary>
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
        var op = new Operator { AccountId = account.Id, Email = normalised, PasswordHash = "", CreatedAt = time.UtcSeconds() };
        op.PasswordHash = hasher.HashPassword(op, password);
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
}
