using Verilock.Domain.Common;

namespace Verilock.Domain.Aml;

/// <summary>
/// One AML screening (spec §11): what was screened, what matched, and a reviewer's decision. Created
/// finished (screening is synchronous); afterwards only a decision changes it. Every change records the
/// event it causes, which the persistence layer moves to the outbox in the same transaction.
/// </summary>
public sealed class AmlScreening : IRaisesEvents
{
    private readonly List<AmlEvent> _events = [];

    private AmlScreening()
    {
        Id = "";
        Query = new AmlQuery(null, null, null, null, null);
        Lists = [];
        Matches = [];
    }

    public string Id { get; private set; }
    public Guid AccountId { get; private set; }
    public bool LiveMode { get; private set; }
    public AmlScreeningStatus Status { get; private set; }
    public string? ReferenceId { get; private set; }
    public string? SessionId { get; private set; }
    public AmlQuery Query { get; private set; }
    public IReadOnlyList<string> Lists { get; private set; }
    public double Threshold { get; private set; }
    public double HighestScore { get; private set; }
    public IReadOnlyList<AmlMatch> Matches { get; private set; }
    public AmlDecision? Decision { get; private set; }
    public string? DecisionReason { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public bool MonitoringEnabled { get; private set; }

    /// <summary>How often the schedule re-screens it while <see cref="MonitoringEnabled"/> (spec §16); runs copy their parent's.</summary>
    public MonitoringFrequency MonitoringFrequency { get; private set; }
    public bool IsMonitoringRun { get; private set; }
    public string? ParentScreeningId { get; private set; }

    /// <summary>For monitoring runs: the list versions whose arrival caused the run (not on the wire).</summary>
    public string? MonitoringKey { get; private set; }
    public DateTime ScreenedAt { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public int MatchesFound => Matches.Count;

    public IReadOnlyList<AmlEvent> PendingEvents => _events;

    public void ClearPendingEvents() => _events.Clear();

    IReadOnlyList<DomainEvent> IRaisesEvents.PendingEvents => _events;

    /// <summary>A screening's events carry its session's id, so a session's <c>webhook_url</c> gets the <c>aml.*</c> events of its step.</summary>
    EventAudience IRaisesEvents.EventAudience => new(AccountId, LiveMode, SessionId);

    /// <param name="Matches">At or above <paramref name="Threshold"/>, best first.</param>
    public sealed record CreateArgs(
        Guid AccountId,
        bool LiveMode,
        AmlQuery Query,
        IReadOnlyList<string> Lists,
        double Threshold,
        IReadOnlyList<AmlMatch> Matches,
        string? ReferenceId = null,
        string? SessionId = null,
        bool MonitoringEnabled = false,
        MonitoringFrequency MonitoringFrequency = MonitoringFrequency.Daily);

    /// <summary>A screening asked for by the API or a session's <c>aml</c> step: emits <c>aml.completed</c>, and <c>aml.match_found</c> on a match.</summary>
    /// <remarks>
    /// <see cref="CreatedAt"/> is <paramref name="createdAt"/> when given (<see cref="Clock.UtcMicroseconds"/>, within
    /// <paramref name="now"/>'s second, so the list keeps creation order within a second); the screening and its
    /// events are timed at <paramref name="now"/>'s whole second.
    /// </remarks>
    public static AmlScreening Create(CreateArgs args, DateTime now, DateTime? createdAt = null)
    {
        var screening = New(args, now);
        if (createdAt is { } at)
        {
            if (Clock.ToSeconds(at) != screening.ScreenedAt)
                throw new ArgumentOutOfRangeException(nameof(createdAt), at, "The creation instant must fall within the screening's second.");
            screening.CreatedAt = Clock.ToMicroseconds(at);
        }
        screening.Raise("aml.completed", screening.ScreenedAt, _ => { });
        if (screening.Status == AmlScreeningStatus.PotentialMatch)
            screening.Raise("aml.match_found", screening.ScreenedAt, data => data["matches"] = MatchSummaries(screening.Matches));
        return screening;
    }

    /// <summary>
    /// A monitoring re-run of the screening <paramref name="parentScreeningId"/> (spec §11.4). Emits only
    /// <c>aml.monitoring.match</c>, and only when an entity matched that <paramref name="previous"/> (the parent or
    /// its latest run) did not.
    /// </summary>
    public static AmlScreening CreateMonitoringRun(
        CreateArgs args, string? parentScreeningId, IReadOnlyCollection<AmlMatch> previous, string monitoringKey, DateTime now)
    {
        var run = New(args with { MonitoringEnabled = false }, now);
        run.IsMonitoringRun = true;
        run.ParentScreeningId = parentScreeningId;
        run.MonitoringKey = monitoringKey;
        var added = NewMatches(run.Matches, previous);
        if (added.Count > 0)
        {
            run.Raise("aml.monitoring.match", run.CreatedAt, data =>
            {
                data["screened_name"] = run.Query.ScreenedName;
                data["parent_screening_id"] = parentScreeningId;
                data["matches"] = MatchSummaries(added);
            });
        }
        return run;
    }

    /// <summary>The matches whose entity <paramref name="previous"/> did not have.</summary>
    public static IReadOnlyList<AmlMatch> NewMatches(IEnumerable<AmlMatch> current, IEnumerable<AmlMatch> previous)
    {
        var known = previous.Select(m => m.EntityId).ToHashSet(StringComparer.Ordinal);
        return current.Where(m => !known.Contains(m.EntityId)).ToList();
    }

    private static AmlScreening New(CreateArgs args, DateTime now)
    {
        now = Clock.ToSeconds(now);
        var matches = args.Matches.OrderByDescending(m => m.Score).ToList();
        return new AmlScreening
        {
            Id = Ids.NewScreeningId(),
            AccountId = args.AccountId,
            LiveMode = args.LiveMode,
            Status = matches.Count > 0 ? AmlScreeningStatus.PotentialMatch : AmlScreeningStatus.Clear,
            ReferenceId = args.ReferenceId,
            SessionId = args.SessionId,
            Query = args.Query,
            Lists = args.Lists,
            Threshold = args.Threshold,
            HighestScore = matches.Count > 0 ? matches[0].Score : 0,
            Matches = matches,
            MonitoringEnabled = args.MonitoringEnabled,
            MonitoringFrequency = args.MonitoringFrequency,
            ScreenedAt = now,
            CreatedAt = now,
        };
    }

    public enum DecisionResult
    {
        Applied,
        AlreadyThatDecision,
        Conflict,
    }

    /// <summary>
    /// Forgets who was screened, for a redacted session (spec §8.9): the query and the integrator's reference
    /// go, monitoring stops. The matches stay: they describe list entries, which are public records.
    /// </summary>
    public void Redact()
    {
        Query = new AmlQuery(null, null, null, null, null);
        ReferenceId = null;
        DecisionReason = null;
        MonitoringEnabled = false;
    }

    /// <summary>
    /// A reviewer's verdict (spec §11.3, §16). The same verdict again changes nothing; reversing a final one
    /// (clear or confirmed), or confirming or escalating a screening that matched nothing, is a conflict. An
    /// escalation keeps the screening a potential match and may be followed by either final verdict. Never
    /// touches a session.
    /// </summary>
    public DecisionResult Decide(AmlDecision decision, string? reason, string decidedBy, DateTime now)
    {
        if (Decision == decision)
            return DecisionResult.AlreadyThatDecision;
        if (Decision is not null and not AmlDecision.Escalate || decision != AmlDecision.Clear && Matches.Count == 0)
            return DecisionResult.Conflict;
        Decision = decision;
        DecisionReason = reason;
        DecidedBy = decidedBy;
        DecidedAt = Clock.ToSeconds(now);
        Status = decision switch
        {
            AmlDecision.Clear => AmlScreeningStatus.Clear,
            AmlDecision.ConfirmedMatch => AmlScreeningStatus.ConfirmedMatch,
            _ => AmlScreeningStatus.PotentialMatch,
        };
        return DecisionResult.Applied;
    }

    /// <summary>Whether a reviewer may still clear or confirm it: nothing final decided yet.</summary>
    public bool AwaitsVerdict => Decision is null or AmlDecision.Escalate;

    private static object[] MatchSummaries(IEnumerable<AmlMatch> matches) => matches
        .Select(m => (object)new Dictionary<string, object?>
        {
            ["entity_id"] = m.EntityId,
            ["list"] = m.List,
            ["name"] = m.Name,
            ["matched_name"] = m.MatchedName,
            ["score"] = m.Score,
        })
        .ToArray();

    /// <summary>Every AML event carries the same core fields (spec §12.5, "A").</summary>
    private void Raise(string type, DateTime now, Action<Dictionary<string, object?>> addExtras)
    {
        var data = new Dictionary<string, object?>
        {
            ["screening_id"] = Id,
            ["session_id"] = SessionId,
            ["reference_id"] = ReferenceId,
            ["status"] = Status.ToWire(),
            ["risk_level"] = Status.RiskLevel(),
            ["highest_score"] = HighestScore,
            ["matches_found"] = MatchesFound,
            ["is_monitoring_run"] = IsMonitoringRun,
            ["livemode"] = LiveMode,
        };
        addExtras(data);
        _events.Add(new AmlEvent(type, now, data));
    }
}
