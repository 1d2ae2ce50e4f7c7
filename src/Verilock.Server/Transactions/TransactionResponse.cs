using Verilock.Domain.Transactions;

namespace Verilock.Server.Transactions;

/// <summary>The Transaction object of spec §19, field for field.</summary>
public sealed record TransactionResponse(
    string Id,
    bool Livemode,
    string? ReferenceId,
    string? SessionId,
    string Type,
    double Amount,
    string Currency,
    TransactionResponse.Party Sender,
    TransactionResponse.Party Receiver,
    int RiskScore,
    string RiskLevel,
    string Recommendation,
    string Status,
    IReadOnlyList<string> Flags,
    IReadOnlyList<TransactionResponse.Rule> RulesTriggered,
    TransactionResponse.Counterparties CounterpartyScreening,
    IReadOnlyList<TransactionResponse.TimelineEntry> Timeline,
    TransactionResponse.DecisionInfo? Decision,
    DateTime ScreenedAt,
    DateTime CreatedAt)
{
    public sealed record Party(string Name, string? Account, string? Country);

    public sealed record Rule(string RuleId, string Name, string Severity, int ScoreImpact);

    /// <summary><c>screening_id</c> is the stored AML screening of a matched name; null when the name is clear.</summary>
    public sealed record NameScreening(string Status, double HighestScore, string? ScreeningId);

    public sealed record Counterparties(NameScreening Sender, NameScreening Receiver);

    public sealed record TimelineEntry(string Event, DateTime Timestamp);

    public sealed record DecisionInfo(string Decision, string? Reason, string DecidedBy, DateTime DecidedAt);

    public static TransactionResponse From(Transaction t) => new(
        t.Id, t.LiveMode, t.ReferenceId, t.SessionId, t.Type, t.Amount, t.Currency, Of(t.Sender), Of(t.Receiver), t.RiskScore, t.RiskLevel,
        t.Recommendation.ToWire(), t.Status.ToWire(), t.Flags,
        t.RulesTriggered.Select(r => new Rule(r.RuleId, r.Name, r.Severity, r.ScoreImpact)).ToList(),
        new Counterparties(Of(t.CounterpartyScreening.Sender), Of(t.CounterpartyScreening.Receiver)),
        t.Timeline.Select(e => new TimelineEntry(e.Event, e.Timestamp)).ToList(),
        t.Decision is { } d ? new DecisionInfo(d.Decision.ToWire(), d.Reason, d.DecidedBy, d.DecidedAt) : null,
        t.ScreenedAt, t.CreatedAt);

    private static Party Of(TransactionParty p) => new(p.Name, p.Account, p.Country);

    private static NameScreening Of(PartyScreening s) => new(s.Status, s.HighestScore, s.ScreeningId);
}

/// <summary>One line of <c>POST /transactions/screen/batch</c>'s <c>results</c>.</summary>
public sealed record BatchResult(string Id, string? ReferenceId, int RiskScore, string RiskLevel, string Recommendation);

public sealed record BatchSummary(int Total, int Approved, int Review, int Blocked);

public sealed record BatchResponse(IReadOnlyList<BatchResult> Results, BatchSummary Summary);

/// <summary>The answer of <c>POST /transactions/{id}/decision</c>.</summary>
public sealed record DecisionResponse(string Id, string Decision, string DecidedBy, DateTime DecidedAt, string Status);

public sealed record TransactionTypesResponse(IReadOnlyList<TransactionType> Data);
