using Verilock.Domain.Common;

namespace Verilock.Domain.Transactions;

/// <summary>A counterparty name's screening against the sanctions lists: <c>clear</c> or <c>potential_match</c>.</summary>
public sealed record PartyScreening(string Status, double HighestScore, string? ScreeningId)
{
    public static readonly PartyScreening Clear = new("clear", 0, null);

    public static PartyScreening Of(double? score, string? screeningId) =>
        score is { } s ? new PartyScreening("potential_match", s, screeningId) : Clear;
}

public sealed record CounterpartyScreening(PartyScreening Sender, PartyScreening Receiver);

/// <summary>One line of a transaction's timeline.</summary>
public sealed record TransactionTimelineEntry(string Event, DateTime Timestamp);

/// <summary>A reviewer's decision on a transaction.</summary>
public sealed record TransactionDecisionRecord(TransactionDecision Decision, string? Reason, string DecidedBy, DateTime DecidedAt);

/// <summary>Something that happened to a transaction; the outbox delivers it (spec §12.5).</summary>
public sealed record TransactionEvent(string Type, DateTime OccurredAt, IReadOnlyDictionary<string, object?> Data)
    : DomainEvent(Type, OccurredAt, Data);

/// <summary>
/// A screened payment (spec §19). Created once with the rules' outcome; a reviewer may then approve, block or escalate
/// it (an escalation may be followed by approve or block; approve and block are final). Raises
/// <c>transaction.flagged</c> (recommendation review) and <c>transaction.blocked</c> (blocked on screening or by a decision).
/// </summary>
public sealed class Transaction : IRaisesEvents
{
    public const string FlaggedEvent = "transaction.flagged";
    public const string BlockedEvent = "transaction.blocked";

    private readonly List<TransactionEvent> _events = [];

    // For EF Core.
    private Transaction()
    {
        Id = null!;
        Type = null!;
        Currency = null!;
        SenderName = null!;
        ReceiverName = null!;
        RiskLevel = null!;
    }

    public string Id { get; private set; }
    public Guid AccountId { get; private set; }
    public bool LiveMode { get; private set; }
    public string? ReferenceId { get; private set; }
    public string? SessionId { get; private set; }
    public string Type { get; private set; }
    public double Amount { get; private set; }
    public string Currency { get; private set; }
    public string SenderName { get; private set; }
    public string? SenderAccount { get; private set; }
    public string? SenderCountry { get; private set; }
    public string ReceiverName { get; private set; }
    public string? ReceiverAccount { get; private set; }
    public string? ReceiverCountry { get; private set; }
    public IReadOnlyDictionary<string, object?> Metadata { get; private set; } = new Dictionary<string, object?>();
    public int RiskScore { get; private set; }
    public string RiskLevel { get; private set; }
    public TransactionRecommendation Recommendation { get; private set; }
    public TransactionStatus Status { get; private set; }
    public IReadOnlyList<string> Flags { get; private set; } = [];
    public IReadOnlyList<TriggeredRule> RulesTriggered { get; private set; } = [];
    public CounterpartyScreening CounterpartyScreening { get; private set; } = new(PartyScreening.Clear, PartyScreening.Clear);
    public IReadOnlyList<TransactionTimelineEntry> Timeline { get; private set; } = [];
    public TransactionDecisionRecord? Decision { get; private set; }
    public DateTime OccurredAt { get; private set; }
    public DateTime ScreenedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    public TransactionParty Sender => new(SenderName, SenderAccount, SenderCountry);
    public TransactionParty Receiver => new(ReceiverName, ReceiverAccount, ReceiverCountry);

    IReadOnlyList<DomainEvent> IRaisesEvents.PendingEvents => _events;
    EventAudience IRaisesEvents.EventAudience => new(AccountId, LiveMode, SessionId);
    public void ClearPendingEvents() => _events.Clear();

    public static string NewId() => "txn_" + Guid.NewGuid().ToString("D");

    public sealed record ScreenArgs(
        string Id, Guid AccountId, bool LiveMode, TransactionFacts Facts, string? ReferenceId, string? SessionId,
        IReadOnlyDictionary<string, object?> Metadata, DateTime OccurredAt, CounterpartyScreening Counterparties, RuleEvaluation Evaluation);

    /// <param name="createdAt">Microseconds (the list's order); the wire shows whole seconds.</param>
    public static Transaction Screen(ScreenArgs args, DateTime createdAt)
    {
        var evaluation = args.Evaluation;
        var status = evaluation.Recommendation switch
        {
            TransactionRecommendation.Approve => TransactionStatus.Approved,
            TransactionRecommendation.Review => TransactionStatus.PendingReview,
            _ => TransactionStatus.Blocked,
        };
        var screenedAt = Clock.ToSeconds(createdAt);
        var transaction = new Transaction
        {
            Id = args.Id, AccountId = args.AccountId, LiveMode = args.LiveMode, ReferenceId = args.ReferenceId, SessionId = args.SessionId,
            Type = args.Facts.Type, Amount = args.Facts.Amount, Currency = args.Facts.Currency,
            SenderName = args.Facts.Sender.Name, SenderAccount = args.Facts.Sender.Account, SenderCountry = args.Facts.Sender.Country,
            ReceiverName = args.Facts.Receiver.Name, ReceiverAccount = args.Facts.Receiver.Account, ReceiverCountry = args.Facts.Receiver.Country,
            Metadata = args.Metadata, RiskScore = evaluation.RiskScore, RiskLevel = evaluation.RiskLevel,
            Recommendation = evaluation.Recommendation, Status = status, Flags = evaluation.Flags, RulesTriggered = evaluation.RulesTriggered,
            CounterpartyScreening = args.Counterparties, OccurredAt = Clock.ToSeconds(args.OccurredAt), ScreenedAt = screenedAt,
            CreatedAt = createdAt,
            Timeline =
            [
                new("screened", screenedAt),
                new(status switch
                {
                    TransactionStatus.Approved => "approved",
                    TransactionStatus.PendingReview => "flagged",
                    _ => "blocked",
                }, screenedAt),
            ],
        };
        if (status == TransactionStatus.PendingReview)
            transaction.Raise(FlaggedEvent, screenedAt);
        else if (status == TransactionStatus.Blocked)
            transaction.Raise(BlockedEvent, screenedAt);
        return transaction;
    }

    public enum DecisionResult
    {
        Applied,
        Unchanged,
        Conflict,
    }

    /// <summary>Whether a reviewer may still decide: not yet decided, or only escalated.</summary>
    public bool AwaitsDecision => Decision is null || Decision.Decision == TransactionDecision.Escalate;

    public DecisionResult Decide(TransactionDecision decision, string? reason, string decidedBy, DateTime now)
    {
        if (Decision?.Decision == decision)
            return DecisionResult.Unchanged;
        if (!AwaitsDecision)
            return DecisionResult.Conflict;
        now = Clock.ToSeconds(now);
        var wasBlocked = Status == TransactionStatus.Blocked;
        Decision = new TransactionDecisionRecord(decision, reason, decidedBy, now);
        DecidedAt = now;
        Status = decision switch
        {
            TransactionDecision.Approve => TransactionStatus.Approved,
            TransactionDecision.Block => TransactionStatus.Blocked,
            _ => TransactionStatus.Escalated,
        };
        Timeline = [.. Timeline, new("decided", now), new(Status.ToWire(), now)];
        if (Status == TransactionStatus.Blocked && !wasBlocked)
            Raise(BlockedEvent, now);
        return DecisionResult.Applied;
    }

    private void Raise(string type, DateTime at) =>
        _events.Add(new TransactionEvent(type, at, new Dictionary<string, object?>
        {
            ["transaction_id"] = Id,
            ["reference_id"] = ReferenceId,
            ["risk_score"] = RiskScore,
            ["risk_level"] = RiskLevel,
            ["recommendation"] = Recommendation.ToWire(),
            ["flags"] = Flags.ToArray(),
            ["livemode"] = LiveMode,
        }));
}
