using Verilock.Domain.Checks;

namespace Verilock.Domain.Transactions;

/// <summary>A built-in rule (spec §19): fixed id, name, severity, score impact and the flag it raises.</summary>
public sealed record TransactionRule(string Id, string Name, string Severity, int ScoreImpact, string Flag);

/// <summary>A rule that fired, as <c>rules_triggered</c> shows it.</summary>
public sealed record TriggeredRule(string RuleId, string Name, string Severity, int ScoreImpact);

/// <summary>One side of a payment: who, which account, where (ISO 3166-1 alpha-2).</summary>
public sealed record TransactionParty(string Name, string? Account, string? Country);

/// <summary>The risk signals an integrator may put in <c>metadata</c> for the per-type factors of the catalogue.</summary>
public sealed record TransactionSignals(string? MerchantCategory, double? WalletRiskScore, bool? MixerUsage, double? RecipientRiskScore)
{
    public static readonly TransactionSignals None = new(null, null, null, null);
}

/// <summary>What the rules read of a transaction.</summary>
public sealed record TransactionFacts(
    string Type, double Amount, string Currency, TransactionParty Sender, TransactionParty Receiver, TransactionSignals Signals);

/// <summary>
/// What the database holds about the sender account before this transaction (read by the server, so every instance
/// sees the same): transactions in the count window, the amount in this currency in the amount window, and whether
/// this sender already paid this receiver account.
/// </summary>
public sealed record TransactionHistory(int CountInWindow, double AmountInWindow, bool ReceiverSeenBefore)
{
    public static readonly TransactionHistory Empty = new(0, 0, false);
}

/// <summary>The counterparty screening of both names: the highest sanctions-list score of each, null when clear.</summary>
public sealed record CounterpartyMatches(double? SenderScore, double? ReceiverScore)
{
    public static readonly CounterpartyMatches None = new(null, null);

    public bool Any => SenderScore is not null || ReceiverScore is not null;
}

/// <summary>The settings the rules compare against; <see cref="Default"/> holds the documented defaults.</summary>
public sealed record TransactionRuleSettings
{
    public static readonly TransactionRuleSettings Default = new();

    /// <summary>Currency → the amount above which <c>rule_amt_001</c> fires.</summary>
    public IReadOnlyDictionary<string, double> AmountThresholds { get; init; } = new Dictionary<string, double>(StringComparer.Ordinal)
    {
        ["USD"] = 10_000, ["EUR"] = 10_000, ["GBP"] = 8_000, ["CHF"] = 10_000, ["CAD"] = 13_000, ["AUD"] = 15_000,
        ["JPY"] = 1_500_000, ["CNY"] = 70_000, ["INR"] = 850_000, ["BRL"] = 50_000, ["MXN"] = 180_000,
    };

    /// <summary>The threshold of a currency not in <see cref="AmountThresholds"/>.</summary>
    public double DefaultAmountThreshold { get; init; } = 10_000;

    public IReadOnlyList<string> SanctionedCountries { get; init; } = RiskCountries.ComprehensiveSanctions;

    public IReadOnlyList<string> HighRiskCountries { get; init; } = RiskCountries.FatfCallForAction;

    /// <summary><c>rule_vel_001</c>: more than this many transactions from one sender account in <see cref="VelocityCountWindow"/>.</summary>
    public int VelocityMaxCount { get; init; } = 10;

    public TimeSpan VelocityCountWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary><c>rule_vel_002</c>: the sender's amount in one currency over <see cref="VelocityAmountWindow"/> above this many times the currency's threshold.</summary>
    public double VelocityAmountFactor { get; init; } = 3;

    public TimeSpan VelocityAmountWindow { get; init; } = TimeSpan.FromHours(24);

    /// <summary><c>rule_mcc_001</c>: merchant category codes (ISO 18245) treated as high risk.</summary>
    public IReadOnlyList<string> HighRiskMerchantCategories { get; init; } = ["4829", "5933", "5993", "6051", "6211", "6540", "7273", "7995"];

    /// <summary><c>rule_wal_001</c> and <c>rule_rcp_001</c>: a risk score (0–100) from this up is high.</summary>
    public double WalletRiskThreshold { get; init; } = 75;

    public double RecipientRiskThreshold { get; init; } = 75;

    public double AmountThreshold(string currency) =>
        AmountThresholds.TryGetValue(currency, out var threshold) ? threshold : DefaultAmountThreshold;
}

/// <summary>The outcome of the rules: what fired, the score, its level and the recommendation.</summary>
public sealed record RuleEvaluation(
    IReadOnlyList<TriggeredRule> RulesTriggered, IReadOnlyList<string> Flags, int RiskScore, string RiskLevel, TransactionRecommendation Recommendation);

/// <summary>
/// The built-in rules of spec §19, pure functions over a transaction, its sender's history and the counterparty
/// screening. Rules run in the order of <see cref="All"/>; flags and <c>rules_triggered</c> keep it.
/// </summary>
public static class TransactionRules
{
    public const int ApproveUpTo = 30;
    public const int BlockFrom = 70;

    public static readonly TransactionRule CrossBorder = new("rule_xb_001", "Cross-border transfer", "medium", 20, "cross_border_transfer");
    public static readonly TransactionRule SanctionedCountry = new("rule_sc_001", "Sanctioned country", "critical", 40, "sanctioned_country");
    public static readonly TransactionRule HighRiskCountry = new("rule_sc_002", "High-risk country (FATF call for action)", "high", 30, "high_risk_country");
    public static readonly TransactionRule SanctionedCounterparty = new("rule_sc_003", "Counterparty on a sanctions list", "critical", 100, "sanctioned_counterparty");
    public static readonly TransactionRule AmountAboveThreshold = new("rule_amt_001", "Amount above threshold", "high", 25, "amount_above_threshold");
    public static readonly TransactionRule VelocityCount = new("rule_vel_001", "Transaction count velocity", "medium", 25, "high_velocity_count");
    public static readonly TransactionRule VelocityAmount = new("rule_vel_002", "Transaction amount velocity", "high", 30, "high_velocity_amount");
    public static readonly TransactionRule NewRecipient = new("rule_new_001", "New recipient", "low", 15, "new_recipient");
    public static readonly TransactionRule MerchantCategory = new("rule_mcc_001", "High-risk merchant category", "medium", 25, "high_risk_merchant_category");
    public static readonly TransactionRule WalletRisk = new("rule_wal_001", "High-risk wallet", "high", 35, "high_risk_wallet");
    public static readonly TransactionRule MixerUsage = new("rule_mix_001", "Mixer or tumbler exposure", "critical", 60, "mixer_usage");
    public static readonly TransactionRule RecipientRisk = new("rule_rcp_001", "High-risk recipient", "high", 30, "high_risk_recipient");

    public static readonly IReadOnlyList<TransactionRule> All =
    [
        CrossBorder, SanctionedCountry, HighRiskCountry, SanctionedCounterparty, AmountAboveThreshold, VelocityCount, VelocityAmount,
        NewRecipient, MerchantCategory, WalletRisk, MixerUsage, RecipientRisk,
    ];

    public static RuleEvaluation Evaluate(
        TransactionFacts facts, TransactionHistory history, CounterpartyMatches counterparties, TransactionRuleSettings settings)
    {
        var fired = All.Where(rule => Fires(rule, facts, history, counterparties, settings)).ToList();
        var score = Math.Min(100, fired.Sum(r => r.ScoreImpact));
        var recommendation = fired.Contains(SanctionedCounterparty) ? TransactionRecommendation.Block : Recommend(score);
        return new RuleEvaluation(
            fired.Select(r => new TriggeredRule(r.Id, r.Name, r.Severity, r.ScoreImpact)).ToList(),
            fired.Select(r => r.Flag).ToList(), score, RiskCalculator.Level(score), recommendation);
    }

    /// <summary>0–30 approve, 31–69 review, 70 and more block.</summary>
    public static TransactionRecommendation Recommend(int score) => score switch
    {
        <= ApproveUpTo => TransactionRecommendation.Approve,
        < BlockFrom => TransactionRecommendation.Review,
        _ => TransactionRecommendation.Block,
    };

    private static bool Fires(
        TransactionRule rule, TransactionFacts facts, TransactionHistory history, CounterpartyMatches counterparties, TransactionRuleSettings settings)
    {
        var type = facts.Type;
        var countries = new[] { facts.Sender.Country, facts.Receiver.Country };
        var threshold = settings.AmountThreshold(facts.Currency);
        var signals = facts.Signals;
        return rule.Id switch
        {
            "rule_xb_001" => (TransactionTypes.Has(type, "cross_border"))
                && facts.Sender.Country is { } from && facts.Receiver.Country is { } to && from != to,
            "rule_sc_001" => countries.Any(c => c is not null && settings.SanctionedCountries.Contains(c)),
            "rule_sc_002" => !countries.Any(c => c is not null && settings.SanctionedCountries.Contains(c))
                && countries.Any(c => c is not null && settings.HighRiskCountries.Contains(c)),
            "rule_sc_003" => counterparties.Any,
            "rule_amt_001" => facts.Amount > threshold,
            "rule_vel_001" => facts.Sender.Account is not null && history.CountInWindow + 1 > settings.VelocityMaxCount,
            "rule_vel_002" => facts.Sender.Account is not null
                && history.AmountInWindow + facts.Amount > threshold * settings.VelocityAmountFactor,
            "rule_new_001" => TransactionTypes.Has(type, "new_recipient")
                && facts.Sender.Account is not null && facts.Receiver.Account is not null && !history.ReceiverSeenBefore,
            "rule_mcc_001" => TransactionTypes.Has(type, "merchant_category")
                && signals.MerchantCategory is { } mcc && settings.HighRiskMerchantCategories.Contains(mcc),
            "rule_wal_001" => TransactionTypes.Has(type, "wallet_risk") && signals.WalletRiskScore >= settings.WalletRiskThreshold,
            "rule_mix_001" => TransactionTypes.Has(type, "mixer_usage") && signals.MixerUsage == true,
            "rule_rcp_001" => TransactionTypes.Has(type, "recipient_risk") && signals.RecipientRiskScore >= settings.RecipientRiskThreshold,
            _ => false,
        };
    }
}
