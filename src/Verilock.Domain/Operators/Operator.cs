namespace Verilock.Domain.Operators;

/// <summary>
/// A person who signs in to the dashboard on behalf of one account. The password hash is opaque here (the
/// server hashes and verifies); the lockout rule lives here so it is tested without a web server.
/// </summary>
public sealed class Operator
{
    public const int MaxFailedLogins = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);
    public const int MaxEmailLength = 320;

    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid AccountId { get; init; }

    /// <summary>Stored lower-cased and trimmed (<see cref="NormaliseEmail"/>), so sign-in ignores case.</summary>
    public required string Email { get; init; }
    public required string PasswordHash { get; set; }
    public int FailedLogins { get; private set; }
    public DateTime? LockedUntil { get; private set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastLoginAt { get; private set; }

    /// <summary>What operators are shown as in <c>decided_by</c> and the audit log: never the email, which is personal data.</summary>
    public string DisplayId => "op_" + Id.ToString("N")[..12];

    public static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    public bool IsLockedOut(DateTime now) => LockedUntil is { } until && until > now;

    /// <summary>Counts a wrong password; the fifth in a row locks the operator out for <see cref="LockoutDuration"/>.</summary>
    public void RecordFailedLogin(DateTime now)
    {
        if (IsLockedOut(now))
            return;
        // A lockout that has run out starts a fresh count rather than locking again at the next mistake.
        if (LockedUntil is not null)
        {
            LockedUntil = null;
            FailedLogins = 0;
        }
        FailedLogins++;
        if (FailedLogins >= MaxFailedLogins)
            LockedUntil = now + LockoutDuration;
    }

    public void RecordSuccessfulLogin(DateTime now)
    {
        FailedLogins = 0;
        LockedUntil = null;
        LastLoginAt = now;
    }
}
