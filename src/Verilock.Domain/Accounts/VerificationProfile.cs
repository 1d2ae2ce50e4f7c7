using Verilock.Domain.Sessions;

namespace Verilock.Domain.Accounts;

/// <summary>Stored session settings of an account, referenced by <c>profile_id</c> (spec §8.1).</summary>
public sealed class VerificationProfile
{
    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid AccountId { get; init; }
    public string? Name { get; init; }
    public required ProfileSettings Settings { get; init; }
    public DateTime CreatedAt { get; init; }
}
