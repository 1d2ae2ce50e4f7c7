using System.Security.Cryptography;

namespace Verilock.Domain.Operators;

/// <summary>
/// A person who signs in to the dashboard on behalf of one account. The password hash is opaque here (the
/// server hashes and verifies). Failed sign-ins are counted by the database in one atomic statement (the server's
/// <c>FailedSignIns</c>), so parallel wrong passwords cannot each see the old count; the limits are here.
/// </summary>
public sealed class Operator
{
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const int MaxEmailLength = 320;
    public const int SecurityStampLength = 32;

    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid AccountId { get; init; }

    /// <summary>Stored lower-cased and trimmed (<see cref="NormaliseEmail"/>), so sign-in ignores case.</summary>
    public required string Email { get; init; }
    public string PasswordHash { get; private set; } = "";
    public int FailedLogins { get; private set; }
    public DateTime? LockedUntil { get; private set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastLoginAt { get; private set; }

    /// <summary>A disabled operator (one who left) cannot sign in, and their open dashboard sessions end.</summary>
    public bool Disabled { get; private set; }

    /// <summary>
    /// Carried in the dashboard cookie and compared on every request: a new stamp (disable, password change) ends
    /// every session signed in with the old one.
    /// </summary>
    public string SecurityStamp { get; private set; } = NewStamp();

    /// <summary>What operators are shown as in <c>decided_by</c> and the audit log: never the email, which is personal data.</summary>
    public string DisplayId => "op_" + Id.ToString("N")[..12];

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    public bool IsLockedOut(DateTime now) => LockedUntil is { } until && until > now;

    /// <summary>
    /// Sets the hash of a new password and ends the sessions signed in with the old one. A lockout ends too: it
    /// guarded the old password, and the administrator resetting it is how a locked-out operator gets back in.
    /// </summary>
    public void ChangePassword(string passwordHash)
    {
        PasswordHash = passwordHash;
        SecurityStamp = NewStamp();
        FailedLogins = 0;
        LockedUntil = null;
    }

    /// <summary>
    /// Replaces an outdated hash of the same password (a newer format or iteration count); sessions stay open.
    /// </summary>
    public void UpgradePasswordHash(string passwordHash) => PasswordHash = passwordHash;

    public void Disable()
    {
        Disabled = true;
        SecurityStamp = NewStamp();
    }

    /// <summary>Lets the operator sign in again; sessions ended by <see cref="Disable"/> stay ended.</summary>
    public void Enable() => Disabled = false;

    public void RecordSuccessfulLogin(DateTime now)
    {
        FailedLogins = 0;
        LockedUntil = null;
        LastLoginAt = now;
    }

    private static string NewStamp() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(SecurityStampLength / 2));
}
