namespace Verilock.Client;

/// <summary>
/// The built-in transaction rules' thresholds (<c>GET/PUT /transactions/settings</c>). As read in
/// <see cref="TransactionSettings.Settings"/> every value is set; as <see cref="TransactionSettings.Overrides"/> and as the
/// body of <see cref="TransactionService.UpdateSettingsAsync"/>, null keeps the server's value.
/// </summary>
public sealed class TransactionThresholds
{
    /// <summary>Currency code → amount above which the amount rule fires; an override adds or replaces those currencies only.</summary>
    public IReadOnlyDictionary<string, decimal>? AmountThresholds { get; init; }

    /// <summary>For currencies without a threshold of their own.</summary>
    public decimal? DefaultAmountThreshold { get; init; }

    /// <summary>ISO 3166-1 alpha-2 codes; replaces the list whole, empty turns the rule off.</summary>
    public IReadOnlyList<string>? SanctionedCountries { get; init; }

    /// <summary>ISO 3166-1 alpha-2 codes; replaces the list whole, empty turns the rule off.</summary>
    public IReadOnlyList<string>? HighRiskCountries { get; init; }

    /// <summary>Transactions per sender account in the count window before the velocity rule fires (1–1,000,000).</summary>
    public int? VelocityMaxCount { get; init; }

    /// <summary>1 s to 31 days.</summary>
    public int? VelocityCountWindowSeconds { get; init; }

    /// <summary>How many times the sender's usual amount in the amount window fires the rule (&gt; 0, ≤ 1000).</summary>
    public decimal? VelocityAmountFactor { get; init; }

    /// <summary>1 s to 31 days.</summary>
    public int? VelocityAmountWindowSeconds { get; init; }

    /// <summary>Four-digit merchant category codes; replaces the list whole.</summary>
    public IReadOnlyList<string>? HighRiskMerchantCategories { get; init; }

    /// <summary>0–100.</summary>
    public decimal? WalletRiskThreshold { get; init; }

    /// <summary>0–100.</summary>
    public decimal? RecipientRiskThreshold { get; init; }
}

/// <summary>The account's transaction thresholds for the key's mode: what the rules use now and what the account set.</summary>
public sealed class TransactionSettings : VerilockEntity
{
    /// <summary>Whether these are the live mode's settings (test and live keys of an account have their own).</summary>
    public bool Livemode { get; init; }

    /// <summary>The server's values with the account's overrides laid over them: what the rules use now.</summary>
    public TransactionThresholds Settings { get; init; } = new();

    /// <summary>What the account set; null fields keep the server's value.</summary>
    public TransactionThresholds Overrides { get; init; } = new();

    /// <summary>The key prefix or operator id of the last change; null until the first.</summary>
    public string? UpdatedBy { get; init; }

    /// <summary>When the overrides last changed; null until the first change.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}
