using Verilock.Domain.Common;

namespace Verilock.Domain.Sessions;

/// <summary>
/// A verification session: the aggregate that owns its lifecycle rules (spec §7). Persistence maps its
/// properties; every state change goes through a method here and records the event it causes.
/// </summary>
public sealed class Session
{
    private readonly List<SessionEvent> _events = [];

    private Session()
    {
        Id = "";
        SessionToken = "";
        Steps = [];
        Applicant = Applicant.Empty;
        Settings = ProfileSettings.Defaults([]);
        Metadata = new Dictionary<string, object?>();
        Results = new Dictionary<VerificationStep, StepResult>();
        ReviewReasons = [];
    }

    public string Id { get; private set; }
    public Guid AccountId { get; private set; }
    public bool LiveMode { get; private set; }
    public SessionStatus Status { get; private set; }
    public SessionDecision? Decision { get; private set; }
    public IReadOnlyList<string> ReviewReasons { get; private set; }
    public int? RiskScore { get; private set; }
    public string? RiskLevel { get; private set; }
    public string? ReferenceId { get; private set; }
    public Guid? ProfileId { get; private set; }
    public IReadOnlyList<VerificationStep> Steps { get; private set; }
    public ProfileSettings Settings { get; private set; }
    public Applicant Applicant { get; private set; }
    public IReadOnlyDictionary<string, object?> Metadata { get; private set; }
    public string? RedirectUrl { get; private set; }
    public string? WebhookUrl { get; private set; }
    public bool MonitoringEnabled { get; private set; }
    public IReadOnlyDictionary<VerificationStep, StepResult> Results { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecisionReason { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string SessionToken { get; private set; }
    public DateTime? ConsentGivenAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public DateTime? CompletedAt { get; private set; }
    public DateTime? RedactedAt { get; private set; }

    /// <summary>Events raised since the aggregate was loaded; the persistence layer moves them to the outbox.</summary>
    public IReadOnlyList<SessionEvent> PendingEvents => _events;

    public void ClearPendingEvents() => _events.Clear();

    public sealed record CreateArgs(
        Guid AccountId,
        bool LiveMode,
        ProfileSettings Settings,
        Guid? ProfileId,
        Applicant Applicant,
        string? ReferenceId,
        IReadOnlyDictionary<string, object?> Metadata,
        string? RedirectUrl,
        string? WebhookUrl,
        bool MonitoringEnabled,
        TimeSpan ExpiresIn);

    public static Session Create(CreateArgs args, DateTime now)
    {
        now = Clock.ToSeconds(now);
        var session = new Session
        {
            Id = Ids.NewSessionId(),
            AccountId = args.AccountId,
            LiveMode = args.LiveMode,
            Status = SessionStatus.Created,
            ReferenceId = args.ReferenceId,
            ProfileId = args.ProfileId,
            Steps = args.Settings.Steps,
            Settings = args.Settings,
            Applicant = args.Applicant,
            Metadata = args.Metadata,
            RedirectUrl = args.RedirectUrl,
            WebhookUrl = args.WebhookUrl,
            MonitoringEnabled = args.MonitoringEnabled,
            Results = args.Settings.Steps.ToDictionary(step => step, _ => StepResult.NotStarted),
            SessionToken = Ids.NewSessionToken(),
            ExpiresAt = now + args.ExpiresIn,
            CreatedAt = now,
        };
        session.Raise("session.created", now, data =>
        {
            data["steps"] = session.Steps.Select(s => s.ToWire()).ToArray();
            data["expires_at"] = session.ExpiresAt;
            data["created_at"] = session.CreatedAt;
        });
        return session;
    }

    /// <summary>
    /// A session still waiting for the applicant stops accepting work once <see cref="ExpiresAt"/> passes.
    /// (Processing sessions without uploaded media join this rule when uploads exist.)
    /// </summary>
    public bool IsDueForExpiry(DateTime now) => Status == SessionStatus.Created && ExpiresAt <= now;

    /// <summary>Expires the session if it is due; returns whether anything changed.</summary>
    public bool ExpireIfDue(DateTime now)
    {
        if (!IsDueForExpiry(now))
            return false;
        Status = SessionStatus.Expired;
        Raise("session.expired", Clock.ToSeconds(now), data => data["expires_at"] = ExpiresAt);
        return true;
    }

    public enum ManualDecisionResult
    {
        Applied,
        AlreadyThatOutcome,
        Conflict,
    }

    /// <summary>An operator's or integrator's decision on a session waiting for review (spec §8.8).</summary>
    public ManualDecisionResult DecideManually(SessionDecision outcome, string? reason, string decidedBy, DateTime now)
    {
        if (outcome == SessionDecision.Review)
            throw new ArgumentOutOfRangeException(nameof(outcome), "A manual decision is approved or declined.");
        var targetStatus = outcome == SessionDecision.Approved ? SessionStatus.Approved : SessionStatus.Declined;
        if (Status == targetStatus)
            return ManualDecisionResult.AlreadyThatOutcome;
        if (Status != SessionStatus.Processing || Decision != SessionDecision.Review)
            return ManualDecisionResult.Conflict;

        now = Clock.ToSeconds(now);
        var stepOutcome = outcome == SessionDecision.Approved ? StepOutcome.Approved : StepOutcome.Declined;
        Results = Results.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Status == StepOutcome.Pending ? pair.Value with { Status = stepOutcome } : pair.Value);
        Status = targetStatus;
        Decision = outcome;
        DecidedBy = decidedBy;
        DecisionReason = reason;
        DecidedAt = now;
        CompletedAt = now;
        RaiseCompletion(now);
        return ManualDecisionResult.Applied;
    }

    /// <summary>
    /// Records the automatic outcome of the checks (spec §7.2): any declined step declines, review reasons
    /// leave the session processing with decision <c>review</c>, otherwise it is approved.
    /// </summary>
    public void RecordCheckOutcome(
        IReadOnlyDictionary<VerificationStep, StepResult> results,
        IReadOnlyList<string> reviewReasons,
        int riskScore,
        string riskLevel,
        DateTime now)
    {
        if (Status != SessionStatus.Processing || Decision is not null)
            throw new InvalidOperationException("Only a session being processed can receive its check outcome.");
        now = Clock.ToSeconds(now);
        Results = results;
        RiskScore = riskScore;
        RiskLevel = riskLevel;
        if (results.Values.Any(r => r.Status == StepOutcome.Declined))
        {
            Decision = SessionDecision.Declined;
            Status = SessionStatus.Declined;
        }
        else if (reviewReasons.Count > 0)
        {
            Decision = SessionDecision.Review;
            ReviewReasons = reviewReasons;
            Raise("session.review_required", now, data => data["review_reasons"] = reviewReasons.ToArray());
            return;
        }
        else
        {
            Decision = SessionDecision.Approved;
            Status = SessionStatus.Approved;
        }
        DecidedBy = "system";
        DecidedAt = now;
        CompletedAt = now;
        RaiseCompletion(now);
    }

    /// <summary>Hands the session to the checks (spec §8.6); callers verify uploads first.</summary>
    public bool TrySubmit(DateTime now)
    {
        if (Status != SessionStatus.Created || IsDueForExpiry(now))
            return false;
        now = Clock.ToSeconds(now);
        Status = SessionStatus.Processing;
        SubmittedAt = now;
        Raise("session.processing", now, data => data["submitted_at"] = SubmittedAt);
        return true;
    }

    private void RaiseCompletion(DateTime now)
    {
        void Completion(Dictionary<string, object?> data)
        {
            data["completed_at"] = CompletedAt;
            data["decided_by"] = DecidedBy;
        }

        Raise("session.completed", now, Completion);
        Raise(Status == SessionStatus.Approved ? "session.approved" : "session.declined", now, Completion);
    }

    /// <summary>Every session event carries the same core fields (spec §12.5, "S").</summary>
    private void Raise(string type, DateTime now, Action<Dictionary<string, object?>> addExtras)
    {
        var data = new Dictionary<string, object?>
        {
            ["session_id"] = Id,
            ["status"] = Status.ToWire(),
            ["decision"] = Decision?.ToWire(),
            ["risk_score"] = RiskScore,
            ["risk_level"] = RiskLevel,
            ["reference_id"] = ReferenceId,
            ["external_id"] = ReferenceId,
            ["livemode"] = LiveMode,
        };
        addExtras(data);
        _events.Add(new SessionEvent(type, now, data));
    }
}
