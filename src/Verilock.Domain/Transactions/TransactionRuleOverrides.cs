namespace Verilock.Domain.Transactions;

/// <summary>
/// An account's own thresholds for the built-in rules in one mode. A null field keeps the server's value
/// (<c>Verilock:Transactions</c>, whose defaults are <see cref="TransactionRuleSettings.Default"/>'s);
/// <see cref="AmountThresholds"/> adds or replaces single currencies, each list replaces the server's list whole.
/// </summary>
public sealed record TransactionRuleOverrides
{
    public static readonly TransactionRuleOverrides None = new();

    public IReadOnlyDictionary<string, double>? AmountThresholds { get; init; }
    public double? DefaultAmountThreshold { get; init; }
    public IReadOnlyList<string>? SanctionedCountries { get; init; }
    public IReadOnlyList<string>? HighRiskCountries { get; init; }
    public int? VelocityMaxCount { get; init; }
    public int? VelocityCountWindowSeconds { get; init; }
    public double? VelocityAmountFactor { get; init; }
    public int? VelocityAmountWindowSeconds { get; init; }
    public IReadOnlyList<string>? HighRiskMerchantCategories { get; init; }
    public double? WalletRiskThreshold { get; init; }
    public double? RecipientRiskThreshold { get; init; }

    /// <summary>The server's settings with this account's values laid over them.</summary>
    public TransactionRuleSettings ApplyTo(TransactionRuleSettings server)
    {
        var amounts = server.AmountThresholds;
        if (AmountThresholds is { Count: > 0 })
        {
            var merged = new Dictionary<string, double>(server.AmountThresholds, StringComparer.Ordinal);
            foreach (var (currency, threshold) in AmountThresholds)
                merged[currency] = threshold;
            amounts = merged;
        }
        return server with
        {
            AmountThresholds = amounts,
            DefaultAmountThreshold = DefaultAmountThreshold ?? server.DefaultAmountThreshold,
            SanctionedCountries = SanctionedCountries ?? server.SanctionedCountries,
            HighRiskCountries = HighRiskCountries ?? server.HighRiskCountries,
            VelocityMaxCount = VelocityMaxCount ?? server.VelocityMaxCount,
            VelocityCountWindow = VelocityCountWindowSeconds is { } count ? TimeSpan.FromSeconds(count) : server.VelocityCountWindow,
            VelocityAmountFactor = VelocityAmountFactor ?? server.VelocityAmountFactor,
            VelocityAmountWindow = VelocityAmountWindowSeconds is { } amount ? TimeSpan.FromSeconds(amount) : server.VelocityAmountWindow,
            HighRiskMerchantCategories = HighRiskMerchantCategories ?? server.HighRiskMerchantCategories,
            WalletRiskThreshold = WalletRiskThreshold ?? server.WalletRiskThreshold,
            RecipientRiskThreshold = RecipientRiskThreshold ?? server.RecipientRiskThreshold,
        };
    }
}

/// <summary>
/// The stored <see cref="TransactionRuleOverrides"/> of one account and mode (<c>PUT /transactions/settings</c>, the
/// dashboard's Transactions settings). At most one per account and mode; a change replaces the overrides whole.
/// </summary>
public sealed class AccountTransactionSettings
{
    // For EF Core.
    private AccountTransactionSettings()
    {
        UpdatedBy = null!;
    }

    public AccountTransactionSettings(Guid accountId, bool liveMode, TransactionRuleOverrides overrides, string updatedBy, DateTime now)
    {
        AccountId = accountId;
        LiveMode = liveMode;
        Overrides = overrides;
        UpdatedBy = updatedBy;
        UpdatedAt = now;
    }

    public Guid AccountId { get; private set; }
    public bool LiveMode { get; private set; }
    public TransactionRuleOverrides Overrides { get; private set; } = TransactionRuleOverrides.None;

    /// <summary>The key prefix or the operator's <c>op_…</c> id that made the last change.</summary>
    public string UpdatedBy { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    public void Replace(TransactionRuleOverrides overrides, string updatedBy, DateTime now)
    {
        Overrides = overrides;
        UpdatedBy = updatedBy;
        UpdatedAt = now;
    }
}
