using Verilock.Domain.Rules;
using Verilock.Domain.Sessions;
using static Verilock.Domain.Tests.Rules.RuleTestData;

namespace Verilock.Domain.Tests.Rules;

public class RuleEngineTests
{
    private static readonly RuleFacts HighRisk = Facts(("risk_score", 80m), ("risk_level", "critical"));

    [Fact]
    public void Rules_run_in_priority_order_and_the_first_deciding_match_wins()
    {
        var late = NewRule(RuleAction.Approve, 20, C("risk_score", "gte", "0"));
        var early = NewRule(RuleAction.Decline, 10, C("risk_score", "gte", "50"));
        var never = NewRule(RuleAction.Review, 5, C("risk_score", "lt", "50"));

        var outcome = RuleEngine.Evaluate([late, early, never], HighRisk, SessionDecision.Review);

        Assert.Equal(SessionDecision.Declined, outcome.Decision);
        Assert.Same(early, outcome.Applied);
        Assert.Equal([(never.Id, false), (early.Id, true)], outcome.Log.Evaluated.Select(e => (e.RuleId, e.Matched)));
        Assert.Equal(early.Id, outcome.Log.Applied);
        Assert.Equal(SessionDecision.Review, outcome.Log.Automatic);
        Assert.Equal([early], outcome.Triggered);
    }

    [Fact]
    public void Equal_priorities_run_in_creation_order()
    {
        var first = NewRule(RuleAction.Approve, 10, C("risk_score", "gte", "0"));
        var second = Rule.Create(Guid.Empty, false, first.Definition with { Action = new RuleAction(RuleAction.Decline, null) }, Now.AddSeconds(1));
        Assert.Same(first, RuleEngine.Evaluate([second, first], HighRisk, SessionDecision.Review).Applied);
    }

    [Fact]
    public void Every_condition_of_a_rule_must_hold()
    {
        var rule = NewRule(RuleAction.Decline, 1, C("risk_score", "gte", "50"), C("risk_level", "eq", "\"low\""));
        var outcome = RuleEngine.Evaluate([rule], HighRisk, SessionDecision.Approved);
        Assert.Equal(SessionDecision.Approved, outcome.Decision);
        Assert.Null(outcome.Applied);
        Assert.False(outcome.Log.Evaluated.Single().Matched);
    }

    [Fact]
    public void No_match_leaves_the_automatic_decision()
    {
        var rule = NewRule(RuleAction.Decline, 1, C("risk_score", "lt", "10"));
        var outcome = RuleEngine.Evaluate([rule], HighRisk, SessionDecision.Review);
        Assert.Equal(SessionDecision.Review, outcome.Decision);
        Assert.Null(outcome.Log.Applied);
        Assert.Empty(outcome.Triggered);
    }

    [Fact]
    public void A_webhook_rule_is_reported_and_evaluation_goes_on()
    {
        var webhook = NewRule(RuleAction.Webhook, 1, C("risk_score", "gte", "50"));
        var approve = NewRule(RuleAction.Approve, 2, C("risk_score", "gte", "50"));
        var after = NewRule(RuleAction.Webhook, 3, C("risk_score", "gte", "50"));

        var outcome = RuleEngine.Evaluate([after, approve, webhook], HighRisk, SessionDecision.Review);

        Assert.Equal(SessionDecision.Approved, outcome.Decision);
        Assert.Same(approve, outcome.Applied);
        Assert.Equal([webhook, approve], outcome.Triggered);
        // Evaluation ends at the deciding rule.
        Assert.Equal([webhook.Id, approve.Id], outcome.Log.Evaluated.Select(e => e.RuleId));
    }

    [Theory]
    [InlineData(RuleAction.Approve)]
    [InlineData(RuleAction.Review)]
    public void An_automatic_decline_is_not_overridden_unless_the_rule_allows_it(string action)
    {
        var refused = NewRule(action, 1, C("risk_score", "gte", "0"));
        var outcome = RuleEngine.Evaluate([refused], HighRisk, SessionDecision.Declined);
        Assert.Equal(SessionDecision.Declined, outcome.Decision);
        Assert.Null(outcome.Applied);
        Assert.True(outcome.Log.Evaluated.Single().Matched);
        Assert.Empty(outcome.Triggered);

        var allowed = NewRule(action, 2, allowOverride: true, C("risk_score", "gte", "0"));
        var overridden = RuleEngine.Evaluate([refused, allowed], HighRisk, SessionDecision.Declined);
        Assert.Equal(RuleEngine.DecisionOf(new RuleAction(action, null)), overridden.Decision);
        Assert.Same(allowed, overridden.Applied);
    }

    [Fact]
    public void A_decline_rule_applies_to_an_automatic_decline()
    {
        var rule = NewRule(RuleAction.Decline, 1, C("risk_score", "gte", "0"));
        Assert.Same(rule, RuleEngine.Evaluate([rule], HighRisk, SessionDecision.Declined).Applied);
    }

    [Fact]
    public void Disabled_rules_do_not_run()
    {
        var rule = NewRule(RuleAction.Decline, 1, C("risk_score", "gte", "0"));
        rule.Change(rule.Definition with { Enabled = false }, Now);
        var outcome = RuleEngine.Evaluate([rule], HighRisk, SessionDecision.Approved);
        Assert.Empty(outcome.Log.Evaluated);
        Assert.Equal(SessionDecision.Approved, outcome.Decision);
    }
}
