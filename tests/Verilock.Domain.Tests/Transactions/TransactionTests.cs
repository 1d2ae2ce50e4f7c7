using Verilock.Domain.Common;
using Verilock.Domain.Transactions;

namespace Verilock.Domain.Tests.Transactions;

/// <summary>The transaction aggregate: status from the recommendation, events, timeline and decisions.</summary>
public sealed class TransactionTests
{
    private static readonly DateTime Now = new(2026, 3, 15, 10, 30, 0, 123, DateTimeKind.Utc);

    private static Transaction Screened(double amount, string to = "GB")
    {
        var facts = new TransactionFacts(TransactionTypes.WireTransfer, amount, "USD", new("A", "S", "US"), new("B", "R", to), TransactionSignals.None);
        var evaluation = TransactionRules.Evaluate(facts, TransactionHistory.Empty, CounterpartyMatches.None, TransactionRuleSettings.Default);
        return Transaction.Screen(new Transaction.ScreenArgs(Transaction.NewId(), Guid.NewGuid(), false, facts, "ref", null,
            new Dictionary<string, object?>(), Now, new(PartyScreening.Clear, PartyScreening.Clear), evaluation), Now);
    }

    private static IReadOnlyList<DomainEvent> Events(Transaction t) => ((IRaisesEvents)t).PendingEvents;

    [Fact]
    public void Status_and_events_follow_the_recommendation()
    {
        var approved = Screened(100);
        Assert.Equal(TransactionStatus.Approved, approved.Status);
        Assert.Empty(Events(approved));
        var review = Screened(20_000);
        Assert.Equal(TransactionStatus.PendingReview, review.Status);
        var flagged = Assert.Single(Events(review));
        Assert.Equal("transaction.flagged", flagged.Type);
        Assert.Equal(["transaction_id", "reference_id", "risk_score", "risk_level", "recommendation", "flags", "livemode"], flagged.Data.Keys);
        Assert.Equal("review", flagged.Data["recommendation"]);
        var blocked = Screened(20_000, "IR");
        Assert.Equal(TransactionStatus.Blocked, blocked.Status);
        Assert.Equal("transaction.blocked", Assert.Single(Events(blocked)).Type);
        Assert.Equal(["screened", "blocked"], blocked.Timeline.Select(e => e.Event));
        Assert.Equal(Clock.ToSeconds(Now), blocked.ScreenedAt);
    }

    [Fact]
    public void Escalation_may_be_followed_by_a_final_decision_which_cannot_change()
    {
        var t = Screened(20_000);
        t.ClearPendingEvents();
        Assert.Equal(Transaction.DecisionResult.Applied, t.Decide(TransactionDecision.Escalate, "why", "op_1", Now));
        Assert.Equal(TransactionStatus.Escalated, t.Status);
        Assert.Equal(Transaction.DecisionResult.Unchanged, t.Decide(TransactionDecision.Escalate, null, "op_1", Now));
        Assert.Equal(Transaction.DecisionResult.Applied, t.Decide(TransactionDecision.Block, null, "op_2", Now));
        Assert.Equal(TransactionStatus.Blocked, t.Status);
        Assert.Equal("transaction.blocked", Assert.Single(Events(t)).Type);
        Assert.Equal(Transaction.DecisionResult.Unchanged, t.Decide(TransactionDecision.Block, null, "op_2", Now));
        Assert.Equal(Transaction.DecisionResult.Conflict, t.Decide(TransactionDecision.Approve, null, "op_2", Now));
        Assert.Equal(Transaction.DecisionResult.Conflict, t.Decide(TransactionDecision.Escalate, null, "op_2", Now));
        Assert.Equal(["screened", "flagged", "decided", "escalated", "decided", "blocked"], t.Timeline.Select(e => e.Event));
    }

    [Fact]
    public void Blocking_an_already_blocked_transaction_raises_no_second_event()
    {
        var t = Screened(20_000, "IR");
        t.ClearPendingEvents();
        Assert.Equal(Transaction.DecisionResult.Applied, t.Decide(TransactionDecision.Block, null, "op_1", Now));
        Assert.Empty(Events(t));
    }
}
