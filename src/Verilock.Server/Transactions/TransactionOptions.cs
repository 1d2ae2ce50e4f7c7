using Verilock.Domain.Common;
using Verilock.Domain.Transactions;

namespace Verilock.Server.Transactions;

/// <summary>
/// The <c>Verilock:Transactions</c> section: the thresholds of the built-in rules (spec §19). Defaults are
/// <see cref="TransactionRuleSettings.Default"/>'s, listed in docs/transactions.md. Lists are comma-separated, so a
/// setting replaces the default list rather than adding to it.
/// </summary>
public sealed class TransactionOptions
{
    private static readonly TransactionRuleSettings Defaults = TransactionRuleSettings.Default;

    /// <summary>Currency → amount threshold of <c>rule_amt_001</c>; a setting adds a currency or replaces its default.</summary>
    public Dictionary<string, double> AmountThresholds { get; set; } = new(Defaults.AmountThresholds, StringComparer.OrdinalIgnoreCase);

    public double DefaultAmountThreshold { get; set; } = Defaults.DefaultAmountThreshold;

    /// <summary>Comprehensive-sanctions countries (<c>rule_sc_001</c>), ISO alpha-2, comma-separated.</summary>
    public string SanctionedCountries { get; set; } = string.Join(',', Defaults.SanctionedCountries);

    /// <summary>High-risk countries (<c>rule_sc_002</c>), ISO alpha-2, comma-separated.</summary>
    public string HighRiskCountries { get; set; } = string.Join(',', Defaults.HighRiskCountries);

    public int VelocityMaxCount { get; set; } = Defaults.VelocityMaxCount;

    public TimeSpan VelocityCountWindow { get; set; } = Defaults.VelocityCountWindow;

    public double VelocityAmountFactor { get; set; } = Defaults.VelocityAmountFactor;

    public TimeSpan VelocityAmountWindow { get; set; } = Defaults.VelocityAmountWindow;

    /// <summary>High-risk merchant category codes (<c>rule_mcc_001</c>), comma-separated.</summary>
    public string HighRiskMerchantCategories { get; set; } = string.Join(',', Defaults.HighRiskMerchantCategories);

    public double WalletRiskThreshold { get; set; } = Defaults.WalletRiskThreshold;

    public double RecipientRiskThreshold { get; set; } = Defaults.RecipientRiskThreshold;

    public TransactionRuleSettings ToSettings() => new()
    {
        AmountThresholds = AmountThresholds.ToDictionary(p => p.Key.ToUpperInvariant(), p => p.Value, StringComparer.Ordinal),
        DefaultAmountThreshold = DefaultAmountThreshold,
        SanctionedCountries = Split(SanctionedCountries).Select(c => c.ToUpperInvariant()).ToList(),
        HighRiskCountries = Split(HighRiskCountries).Select(c => c.ToUpperInvariant()).ToList(),
        VelocityMaxCount = VelocityMaxCount,
        VelocityCountWindow = VelocityCountWindow,
        VelocityAmountFactor = VelocityAmountFactor,
        VelocityAmountWindow = VelocityAmountWindow,
        HighRiskMerchantCategories = Split(HighRiskMerchantCategories),
        WalletRiskThreshold = WalletRiskThreshold,
        RecipientRiskThreshold = RecipientRiskThreshold,
    };

    public IEnumerable<string> Problems()
    {
        const string section = "Verilock:Transactions";
        foreach (var (currency, threshold) in AmountThresholds)
        {
            if (!Currencies.IsCode(currency.ToUpperInvariant()))
                yield return $"{section}:AmountThresholds:{currency} is not an ISO 4217 currency code.";
            else if (!(threshold > 0))
                yield return $"{section}:AmountThresholds:{currency} must be positive.";
        }
        if (!(DefaultAmountThreshold > 0))
            yield return $"{section}:DefaultAmountThreshold must be positive.";
        foreach (var (name, list) in new[] { (nameof(SanctionedCountries), SanctionedCountries), (nameof(HighRiskCountries), HighRiskCountries) })
        {
            foreach (var code in Split(list).Where(c => !CountryCodes.IsAlpha2(c.ToUpperInvariant())))
                yield return $"{section}:{name} has '{code}', which is not an ISO 3166-1 alpha-2 code.";
        }
        if (VelocityMaxCount < 1)
            yield return $"{section}:VelocityMaxCount must be at least 1.";
        if (VelocityCountWindow <= TimeSpan.Zero || VelocityCountWindow > TimeSpan.FromDays(31))
            yield return $"{section}:VelocityCountWindow must be positive and at most 31 days.";
        if (!(VelocityAmountFactor > 0))
            yield return $"{section}:VelocityAmountFactor must be positive.";
        if (VelocityAmountWindow <= TimeSpan.Zero || VelocityAmountWindow > TimeSpan.FromDays(31))
            yield return $"{section}:VelocityAmountWindow must be positive and at most 31 days.";
        foreach (var code in Split(HighRiskMerchantCategories).Where(c => c.Length != 4 || !c.All(char.IsAsciiDigit)))
            yield return $"{section}:HighRiskMerchantCategories has '{code}', which is not a four-digit merchant category code.";
        if (WalletRiskThreshold is < 0 or > 100 || double.IsNaN(WalletRiskThreshold))
            yield return $"{section}:WalletRiskThreshold must be between 0 and 100.";
        if (RecipientRiskThreshold is < 0 or > 100 || double.IsNaN(RecipientRiskThreshold))
            yield return $"{section}:RecipientRiskThreshold must be between 0 and 100.";
    }

    private static List<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
