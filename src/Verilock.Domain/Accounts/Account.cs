namespace Verilock.Domain.Accounts;

public enum AccountStatus
{
    Active,
    Suspended,
}

/// <summary>A customer of the server: owns keys, profiles and sessions.</summary>
public sealed class Account
{
    public const decimal DefaultAmlThreshold = 0.80m;

    public Guid Id { get; init; } = Guid.NewGuid();
    public required string Name { get; init; }
    public AccountStatus Status { get; set; } = AccountStatus.Active;
    public decimal AmlThreshold { get; set; } = DefaultAmlThreshold;
    public DateTime CreatedAt { get; init; }
}
