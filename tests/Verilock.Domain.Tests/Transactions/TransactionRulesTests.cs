using Verilock.Domain.Transactions;

namespace Verilock.Domain.Tests.Transactions;

/// <summary>The built-in rules of spec §19 as pure functions: each fires and does not fire, and the score bands.</summary>
public sealed class TransactionRulesTests
{
    private static readonly TransactionRuleSettings Settings = TransactionRuleSettings.Default;

    private static TransactionFacts Facts(
        string type = TransactionTypes.WireTransfer, double amount = 100, string currency = "USD", string? from = "US", string? to = "US",
        string? senderAccount = "S1", string? receiverAccount = "R1", TransactionSignals? signals = null) =>
        new(type, amount, currency, new TransactionParty("A", senderAccount, from), new TransactionParty("B", receiverAccount, to), signals ?? TransactionSignals.None);

    private static RuleEvaluation Evaluate(TransactionFacts facts, TransactionHistory? history = null, CounterpartyMatches? matches = null) =>
        TransactionRules.Evaluate(facts, history ?? new TransactionHistory(0, 0, true), matches ?? CounterpartyMatches.None, Settings);

    [Fact]
    public void A_plain_domestic_payment_fires_nothing_and_approves()
    {
        var result = Evaluate(Facts());
        Assert.Empty(result.RulesTriggered);
        Assert.Equal((0, "low", TransactionRecommendation.Approve), (result.RiskScore, result.RiskLevel, result.Recommendation));
    }

    [Fact]
    public void The_spec_example_scores_85_critical_block()
    {
        var result = Evaluate(Facts(amount: 15_000, to: "IR"));
        Assert.Equal(["cross_border_transfer", "sanctioned_country", "amount_above_threshold"], result.Flags);
        Assert.Equal(["rule_xb_001", "rule_sc_001", "rule_amt_001"], result.RulesTriggered.Select(r => r.RuleId));
        Assert.Equal((85, "critical", TransactionRecommendation.Block), (result.RiskScore, result.RiskLevel, result.Recommendation));
    }

    [Theory]
    [InlineData(10_000, "USD", false)]
    [InlineData(10_000.01, "USD", true)]
    [InlineData(8_000, "GBP", false)]
    [InlineData(8_001, "GBP", true)]
    [InlineData(1_000_000, "JPY", false)]
    [InlineData(10_001, "SEK", true)]
    public void The_amount_rule_uses_the_currencys_threshold(double amount, string currency, bool fires) =>
        Assert.Equal(fires, Evaluate(Facts(amount: amount, currency: currency)).Flags.Contains("amount_above_threshold"));

    [Theory]
    [InlineData(TransactionTypes.WireTransfer, "US", "GB", true)]
    [InlineData(TransactionTypes.P2pPayment, "US", "GB", true)]
    [InlineData(TransactionTypes.WireTransfer, "US", "US", false)]
    [InlineData(TransactionTypes.WireTransfer, "US", null, false)]
    [InlineData(TransactionTypes.CardPayment, "US", "GB", false)]
    [InlineData(TransactionTypes.AchTransfer, "US", "GB", false)]
    public void Cross_border_needs_two_different_countries_and_a_type_that_lists_it(string type, string? from, string? to, bool fires) =>
        Assert.Equal(fires, Evaluate(Facts(type: type, from: from, to: to)).Flags.Contains("cross_border_transfer"));

    [Theory]
    [InlineData("CU", "sanctioned_country")]
    [InlineData("KP", "sanctioned_country")]
    [InlineData("MM", "high_risk_country")]
    [InlineData("SY", null)]
    [InlineData("FR", null)]
    public void Sanctioned_and_high_risk_countries_fire_once_either_side(string country, string? flag)
    {
        foreach (var facts in new[] { Facts(type: TransactionTypes.CardPayment, to: country), Facts(type: TransactionTypes.CardPayment, from: country) })
        {
            var flags = Evaluate(facts).Flags;
            if (flag is null)
                Assert.Empty(flags);
            else
                Assert.Equal([flag], flags);
        }
    }

    [Fact]
    public void A_sanctioned_counterparty_blocks_whatever_else()
    {
        var result = Evaluate(Facts(), matches: new CounterpartyMatches(null, 0.91));
        Assert.Equal(["sanctioned_counterparty"], result.Flags);
        Assert.Equal((100, TransactionRecommendation.Block), (result.RiskScore, result.Recommendation));
        Assert.Equal(TransactionRecommendation.Block, Evaluate(Facts(), matches: new CounterpartyMatches(0.8, null)).Recommendation);
    }

    [Fact]
    public void Velocity_counts_the_senders_earlier_transactions_and_sums_the_currency()
    {
        Assert.DoesNotContain("high_velocity_count", Evaluate(Facts(), new TransactionHistory(9, 0, true)).Flags);
        Assert.Contains("high_velocity_count", Evaluate(Facts(), new TransactionHistory(10, 0, true)).Flags);
        Assert.DoesNotContain("high_velocity_count", Evaluate(Facts(senderAccount: null), new TransactionHistory(50, 0, true)).Flags);
        Assert.DoesNotContain("high_velocity_amount", Evaluate(Facts(amount: 100), new TransactionHistory(1, 29_900, true)).Flags);
        Assert.Contains("high_velocity_amount", Evaluate(Facts(amount: 100.5), new TransactionHistory(1, 29_900, true)).Flags);
    }

    [Fact]
    public void New_recipient_fires_for_ach_transfers_to_an_unseen_account()
    {
        Assert.Equal(["new_recipient"], Evaluate(Facts(type: TransactionTypes.AchTransfer), new TransactionHistory(0, 0, false)).Flags);
        Assert.Empty(Evaluate(Facts(type: TransactionTypes.AchTransfer), new TransactionHistory(0, 0, true)).Flags);
        Assert.Empty(Evaluate(Facts(type: TransactionTypes.AchTransfer, receiverAccount: null), new TransactionHistory(0, 0, false)).Flags);
        Assert.Empty(Evaluate(Facts(type: TransactionTypes.WireTransfer), new TransactionHistory(0, 0, false)).Flags);
    }

    [Fact]
    public void The_per_type_signals_fire_only_for_their_type()
    {
        var card = new TransactionSignals("7995", null, null, null);
        Assert.Equal(["high_risk_merchant_category"], Evaluate(Facts(type: TransactionTypes.CardPayment, signals: card)).Flags);
        Assert.Empty(Evaluate(Facts(type: TransactionTypes.CardPayment, signals: card with { MerchantCategory = "5411" })).Flags);
        Assert.Empty(Evaluate(Facts(type: TransactionTypes.WireTransfer, signals: card)).Flags);
        var crypto = new TransactionSignals(null, 75, true, null);
        Assert.Equal(["high_risk_wallet", "mixer_usage"], Evaluate(Facts(type: TransactionTypes.CryptoTransfer, signals: crypto)).Flags);
        Assert.Empty(Evaluate(Facts(type: TransactionTypes.CryptoTransfer, signals: crypto with { WalletRiskScore = 74, MixerUsage = false })).Flags);
        var p2p = new TransactionSignals(null, null, null, 80);
        Assert.Equal(["high_risk_recipient"], Evaluate(Facts(type: TransactionTypes.P2pPayment, signals: p2p)).Flags);
        Assert.Empty(Evaluate(Facts(type: TransactionTypes.CryptoTransfer, signals: p2p)).Flags);
    }

    [Theory]
    [InlineData(0, TransactionRecommendation.Approve)]
    [InlineData(30, TransactionRecommendation.Approve)]
    [InlineData(31, TransactionRecommendation.Review)]
    [InlineData(69, TransactionRecommendation.Review)]
    [InlineData(70, TransactionRecommendation.Block)]
    [InlineData(100, TransactionRecommendation.Block)]
    public void Scores_map_to_the_spec_bands(int score, TransactionRecommendation expected) =>
        Assert.Equal(expected, TransactionRules.Recommend(score));

    [Fact]
    public void The_score_is_capped_at_100_and_settings_change_thresholds()
    {
        var crypto = new TransactionSignals(null, 99, true, null);
        var result = Evaluate(Facts(type: TransactionTypes.CryptoTransfer, amount: 50_000, to: "IR", signals: crypto), new TransactionHistory(20, 0, true));
        Assert.Equal(100, result.RiskScore);
        var strict = Settings with { DefaultAmountThreshold = 50, AmountThresholds = new Dictionary<string, double>() };
        Assert.Contains("amount_above_threshold", TransactionRules.Evaluate(Facts(amount: 51), TransactionHistory.Empty, CounterpartyMatches.None, strict).Flags);
    }

    [Fact]
    public void Rule_ids_are_unique_and_every_rule_has_a_flag()
    {
        Assert.Equal(TransactionRules.All.Count, TransactionRules.All.Select(r => r.Id).Distinct().Count());
        Assert.Equal(TransactionRules.All.Count, TransactionRules.All.Select(r => r.Flag).Distinct().Count());
    }
}
