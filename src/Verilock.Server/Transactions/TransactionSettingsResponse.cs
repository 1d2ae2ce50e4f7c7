using Verilock.Domain.Transactions;

namespace Verilock.Server.Transactions;

/// <summary>
/// The answer of <c>GET</c> and <c>PUT /transactions/settings</c>: what the rules use now (<c>settings</c>: the server's
/// values with the account's laid over them), what the account set (<c>overrides</c>, the shape the <c>PUT</c> takes; null
/// fields keep the server's value) and who changed it last.
/// </summary>
public sealed record TransactionSettingsResponse(
    bool Livemode, TransactionSettingsResponse.Values Settings, TransactionSettingsResponse.Values Overrides, string? UpdatedBy, DateTime? UpdatedAt)
{
    public sealed record Values(
        IReadOnlyDictionary<string, double>? AmountThresholds,
        double? DefaultAmountThreshold,
        IReadOnlyList<string>? SanctionedCountries,
        IReadOnlyList<string>? HighRiskCountries,
        int? VelocityMaxCount,
        int? VelocityCountWindowSeconds,
        double? VelocityAmountFactor,
        int? VelocityAmountWindowSeconds,
        IReadOnlyList<string>? HighRiskMerchantCategories,
        double? WalletRiskThreshold,
        double? RecipientRiskThreshold);

    public static TransactionSettingsResponse From(bool liveMode, TransactionRuleSettings server, AccountTransactionSettings? stored)
    {
        var overrides = stored?.Overrides ?? TransactionRuleOverrides.None;
        var effective = overrides.ApplyTo(server);
        return new TransactionSettingsResponse(
            liveMode,
            new Values(
                new SortedDictionary<string, double>(effective.AmountThresholds.ToDictionary(), StringComparer.Ordinal), effective.DefaultAmountThreshold,
                effective.SanctionedCountries, effective.HighRiskCountries, effective.VelocityMaxCount, (int)effective.VelocityCountWindow.TotalSeconds,
                effective.VelocityAmountFactor, (int)effective.VelocityAmountWindow.TotalSeconds, effective.HighRiskMerchantCategories,
                effective.WalletRiskThreshold, effective.RecipientRiskThreshold),
            new Values(
                overrides.AmountThresholds, overrides.DefaultAmountThreshold, overrides.SanctionedCountries, overrides.HighRiskCountries,
                overrides.VelocityMaxCount, overrides.VelocityCountWindowSeconds, overrides.VelocityAmountFactor, overrides.VelocityAmountWindowSeconds,
                overrides.HighRiskMerchantCategories, overrides.WalletRiskThreshold, overrides.RecipientRiskThreshold),
            stored?.UpdatedBy, stored?.UpdatedAt);
    }
}
