using Verilock.Domain.Aml;
using Verilock.Domain.Checks;
using Verilock.Domain.Common;
using Verilock.Domain.Media;
using Verilock.Domain.Rules;

namespace Verilock.Domain.Sessions;

/// <summary>
/// A verification session: the aggregate that owns its lifecycle rules (spec §7). Persistence maps its
/// properties; every state change goes through a method here and records the event it causes.
/// </summary>
public sealed class Session : IRaisesEvents
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

    /// <summary>How often the schedule re-screens the approved session while <see cref="MonitoringEnabled"/> (spec §16).</summary>
    public MonitoringFrequency MonitoringFrequency { get; private set; }
    public IReadOnlyDictionary<VerificationStep, StepResult> Results { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecisionReason { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public SessionDocument? Document { get; private set; }
    public SessionSelfie? Selfie { get; private set; }

    /// <summary>Active-liveness challenges and frames; null for sessions without an active <c>liveness</c> step.</summary>
    public SessionLiveness? Liveness { get; private set; }
    public RiskAssessment? Risk { get; private set; }

    /// <summary>What the account's orchestration rules did when the checks ended (spec §18); null when it had none.</summary>
    public RuleLog? RuleLog { get; private set; }

    /// <summary>The hosted flow's credential. Redaction replaces it with one never shown, which ends the old link.</summary>
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

    IReadOnlyList<DomainEvent> IRaisesEvents.PendingEvents => _events;

    /// <summary>A session's events go to its account and mode, and to its own <c>webhook_url</c>.</summary>
    EventAudience IRaisesEvents.EventAudience => new(AccountId, LiveMode, Id);

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
        TimeSpan ExpiresIn,
        MonitoringFrequency MonitoringFrequency = MonitoringFrequency.Daily);

    /// <summary>
    /// The shortest and longest <c>expires_in</c> the API accepts (spec §8.1). The list relies on the minimum,
    /// which is why the aggregate enforces it: a session created from now on cannot fall due sooner, so "nothing
    /// is due before now + minimum" stays true however many sessions are created meanwhile.
    /// </summary>
    public static readonly TimeSpan MinimumLifetime = TimeSpan.FromSeconds(300);
    public static readonly TimeSpan MaximumLifetime = TimeSpan.FromSeconds(86400);

    /// <summary>
    /// A new session at <paramref name="now"/> (whole seconds: expiry and the event's time are the API's). Its
    /// <see cref="CreatedAt"/> is <paramref name="createdAt"/> when given (<see cref="Clock.UtcMicroseconds"/>,
    /// within <paramref name="now"/>'s second, so the list keeps creation order within a second), else
    /// <paramref name="now"/>'s second.
    /// </summary>
    public static Session Create(CreateArgs args, DateTime now, DateTime? createdAt = null)
    {
        if (args.ExpiresIn < MinimumLifetime)
            throw new ArgumentOutOfRangeException(nameof(args), args.ExpiresIn, "A session lives at least 5 minutes.");
        now = Clock.ToSeconds(now);
        if (createdAt is { } at && Clock.ToSeconds(at) != now)
            throw new ArgumentOutOfRangeException(nameof(createdAt), at, "The creation instant must fall within the creation second.");
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
            MonitoringFrequency = args.MonitoringFrequency,
            Results = args.Settings.Steps.ToDictionary(step => step, _ => StepResult.NotStarted),
            SessionToken = Ids.NewSessionToken(),
            Liveness = args.Settings.Steps.Contains(VerificationStep.Liveness) && args.Settings.LivenessMode == "active"
                ? SessionLiveness.Draw(args.Settings.LivenessChallenges)
                : null,
            ExpiresAt = now + args.ExpiresIn,
            CreatedAt = createdAt is { } precise ? Clock.ToMicroseconds(precise) : now,
        };
        session.Raise("session.created", now, data =>
        {
            data["steps"] = session.Steps.Select(s => s.ToWire()).ToArray();
            data["expires_at"] = session.ExpiresAt;
            data["created_at"] = now;
        });
        return session;
    }

    /// <summary>
    /// A session still waiting for the applicant stops accepting work once <see cref="ExpiresAt"/> passes
    /// (spec §7.2). Submitting always needs uploads or only runs AML, so a processing session never expires.
    /// </summary>
    public bool IsDueForExpiry(DateTime now) => Status == SessionStatus.Created && ExpiresAt <= now;

    public bool IsRedacted => RedactedAt is not null;

    /// <summary>Expires the session if it is due; returns whether anything changed.</summary>
    public bool ExpireIfDue(DateTime now)
    {
        if (!IsDueForExpiry(now))
            return false;
        Status = SessionStatus.Expired;
        Raise("session.expired", Clock.ToSeconds(now), data => data["expires_at"] = ExpiresAt);
        return true;
    }

    /// <summary>Why an upload for <paramref name="step"/> is refused (a 409), or null when it is accepted (spec §8.4–§8.5).</summary>
    public string? UploadRefusal(VerificationStep step, DateTime now)
    {
        if (!Steps.Contains(step))
            return $"This session has no {step.ToWire()} step.";
        if (Status == SessionStatus.Expired || IsDueForExpiry(now))
            return "The session has expired.";
        return Status == SessionStatus.Created ? null : "The session has been submitted; uploads are closed.";
    }

    /// <summary>
    /// Stores uploaded document sides; the document keeps its id across uploads and the last type given wins.
    /// Returns the storage keys of replaced files, for the caller to delete once this change is saved.
    /// </summary>
    public IReadOnlyList<string> PutDocument(string? type, StoredMedia? front, StoredMedia? back, DateTime now)
    {
        RequireUploadable(VerificationStep.Document, now);
        var current = Document ?? new SessionDocument(Ids.NewDocumentId(), null, null, null, Clock.ToSeconds(now));
        var replaced = new List<string>();
        if (front is not null && current.Front is not null)
            replaced.Add(current.Front.StorageKey);
        if (back is not null && current.Back is not null)
            replaced.Add(current.Back.StorageKey);
        Document = current with { Type = type ?? current.Type, Front = front ?? current.Front, Back = back ?? current.Back };
        return replaced;
    }

    /// <summary>Stores the selfie, keeping its id on a re-upload; returns the replaced file's key, if any.</summary>
    public IReadOnlyList<string> PutSelfie(StoredMedia media, DateTime now)
    {
        RequireUploadable(VerificationStep.Selfie, now);
        var replaced = Selfie is null ? [] : new[] { Selfie.Media.StorageKey };
        Selfie = Selfie is null
            ? new SessionSelfie(Ids.NewSelfieId(), media, Clock.ToSeconds(now))
            : Selfie with { Media = media };
        return replaced;
    }

    /// <summary>Whether the hosted flow must upload a liveness burst before it submits (spec §13).</summary>
    public bool NeedsLivenessFrames => Liveness is not null;

    /// <summary>
    /// Stores the active-liveness burst, replacing an earlier one; returns the replaced frames' keys. Like every
    /// hosted-flow upload it needs consent (spec §13).
    /// </summary>
    public IReadOnlyList<string> PutLivenessFrames(IReadOnlyList<StoredMedia> frames, DateTime now)
    {
        RequireUploadable(VerificationStep.Liveness, now);
        if (Liveness is null)
            throw new InvalidOperationException("This session's liveness check is passive; it takes no frames.");
        if (frames.Count is < SessionLiveness.MinFrames or > SessionLiveness.MaxFrames)
            throw new ArgumentOutOfRangeException(nameof(frames), $"A liveness burst has {SessionLiveness.MinFrames} to {SessionLiveness.MaxFrames} frames.");
        var replaced = Liveness.Frames.Select(f => f.StorageKey).ToList();
        Liveness = Liveness with { Frames = frames, FramesUploadedAt = Clock.ToSeconds(now) };
        return replaced;
    }

    /// <summary>The applicant accepted the terms in the hosted flow (spec §13); repeating it keeps the first time.</summary>
    public bool GiveConsent(DateTime now)
    {
        if (Status != SessionStatus.Created || IsDueForExpiry(now))
            return false;
        ConsentGivenAt ??= Clock.ToSeconds(now);
        return true;
    }

    private void RequireUploadable(VerificationStep step, DateTime now)
    {
        if (UploadRefusal(step, now) is { } refusal)
            throw new InvalidOperationException(refusal);
    }

    /// <summary>The uploads submit still needs, named as the spec's 422 keys (spec §8.6).</summary>
    public IReadOnlyList<string> MissingUploads() =>
        StepDescriptors.All.Where(d => Steps.Contains(d.Step)).SelectMany(d => d.MissingUploads(this)).ToArray();

    /// <summary>Every stored file of the session, for redaction.</summary>
    public IReadOnlyList<string> MediaKeys() =>
        StepDescriptors.All.SelectMany(d => d.MediaKeys(this)).OfType<string>().ToArray();

    /// <summary>The 409 message when <see cref="Redact"/> answers <see cref="RedactionResult.Conflict"/>.</summary>
    public const string RedactionConflict = "The session's checks are running; redact it once it is decided.";

    public enum RedactionResult
    {
        Redacted,
        AlreadyRedacted,
        Conflict,
    }

    /// <summary>
    /// Deletes the personal data the session holds and keeps its tombstone (spec §8.9). A session still waiting
    /// for the applicant is expired first; one being processed cannot be redacted until it is decided.
    /// The caller deletes the media (<see cref="MediaKeys"/>, read before) and the data kept elsewhere.
    /// </summary>
    public RedactionResult Redact(DateTime now)
    {
        if (IsRedacted)
            return RedactionResult.AlreadyRedacted;
        if (Status == SessionStatus.Processing)
            return RedactionResult.Conflict;
        now = Clock.ToSeconds(now);
        var expires = Status == SessionStatus.Created;
        if (expires)
            Status = SessionStatus.Expired;
        ReviewReasons = [];
        RiskScore = null;
        RiskLevel = null;
        Risk = null;
        ReferenceId = null;
        ProfileId = null;
        Applicant = Applicant.Empty;
        Metadata = new Dictionary<string, object?>();
        RedirectUrl = null;
        WebhookUrl = null;
        MonitoringEnabled = false;
        Document = null;
        Selfie = null;
        Liveness = null;
        Results = new Dictionary<VerificationStep, StepResult>();
        RuleLog = null;
        DecidedBy = null;
        DecisionReason = null;
        DecidedAt = null;
        SessionToken = Ids.NewSessionToken();
        ConsentGivenAt = null;
        SubmittedAt = null;
        RedactedAt = now;
        // Raised once the personal data is gone: the event is written to the outbox after the redaction has
        // blanked the session's earlier events, so it must not carry the reference id the session just forgot.
        if (expires)
            Raise("session.expired", now, data => data["expires_at"] = ExpiresAt);
        return RedactionResult.Redacted;
    }

    public enum ManualDecisionResult
    {
        Applied,
        AlreadyThatOutcome,
        Conflict,
    }

    /// <summary>
    /// Why a manual decision is refused (a 409, spec §8.8), or null when the session waits for one. A session that
    /// already has the decision's outcome is not refused: repeating a decision changes nothing.
    /// </summary>
    public string? ManualDecisionRefusal(SessionDecision outcome)
    {
        if (Status == StatusAfter(outcome) || (Status == SessionStatus.Processing && Decision == SessionDecision.Review))
            return null;
        return Status switch
        {
            SessionStatus.Approved or SessionStatus.Declined =>
                $"The session is already {Status.ToWire()}; a final decision cannot be reversed.",
            SessionStatus.Expired => "The session has expired.",
            SessionStatus.Created => "The session has not been submitted yet.",
            _ => "The session's checks are still running; decide once its decision is review.",
        };
    }

    private static SessionStatus StatusAfter(SessionDecision outcome) =>
        outcome == SessionDecision.Approved ? SessionStatus.Approved : SessionStatus.Declined;

    /// <summary>An operator's or integrator's decision on a session waiting for review (spec §8.8).</summary>
    public ManualDecisionResult DecideManually(SessionDecision outcome, string? reason, string decidedBy, DateTime now)
    {
        if (outcome == SessionDecision.Review)
            throw new ArgumentOutOfRangeException(nameof(outcome), "A manual decision is approved or declined.");
        var targetStatus = StatusAfter(outcome);
        if (Status == targetStatus)
            return ManualDecisionResult.AlreadyThatOutcome;
        if (ManualDecisionRefusal(outcome) is not null)
            return ManualDecisionResult.Conflict;

        now = Clock.ToSeconds(now);
        var livenessWasPending = Results.TryGetValue(VerificationStep.Liveness, out var before) && before.Status == StepOutcome.Pending;
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
        if (livenessWasPending && outcome == SessionDecision.Declined)
            RaiseLivenessFailed(now);
        RaiseCompletion(now);
        return ManualDecisionResult.Applied;
    }

    /// <summary>
    /// Records the automatic outcome of the checks (spec §7.2): any declined step declines, review reasons
    /// leave the session processing with decision <c>review</c>, otherwise it is approved. The checks give
    /// their own review reasons; the risk score, <c>data_mismatch</c> and <c>risk_high</c> are derived here.
    /// </summary>
    /// <param name="declineOnDataMismatch">
    /// Decline (rather than review) when the document contradicts the applicant's data: an account's choice.
    /// </param>
    /// <param name="rules">
    /// The account's orchestration rules (spec §18), run over the outcome before it is recorded (<see cref="RuleEngine"/>):
    /// the first deciding rule that matches replaces the automatic decision, <see cref="DecidedBy"/> becomes
    /// <c>rule:&lt;id&gt;</c>, and every matching webhook rule and the deciding rule raise <c>rule.triggered</c>. Step
    /// results and the risk stay what the checks gave.
    /// </param>
    public void RecordCheckOutcome(
        IReadOnlyDictionary<VerificationStep, StepResult> results,
        IReadOnlyList<string> checkReviewReasons,
        DateTime now,
        bool declineOnDataMismatch = false,
        IReadOnlyList<Rule>? rules = null)
    {
        if (Status != SessionStatus.Processing || Decision is not null)
            throw new InvalidOperationException("Only a session being processed can receive its check outcome.");
        now = Clock.ToSeconds(now);
        var risk = RiskCalculator.Assess(Steps, results, now);
        var reviewReasons = checkReviewReasons.ToList();
        var mismatch = results.TryGetValue(VerificationStep.Document, out var document) &&
            document.Details is Checks.Details.DocumentStepDetails { ContradictsApplicant: true };
        if (mismatch && declineOnDataMismatch)
            results = WithOutcome(results, VerificationStep.Document, StepOutcome.Declined);
        else if (mismatch)
        {
            reviewReasons.Add(ReviewReason.DataMismatch);
            if (document!.Status == StepOutcome.Approved)
                results = WithOutcome(results, VerificationStep.Document, StepOutcome.Pending);
        }
        var anyDeclined = results.Values.Any(r => r.Status == StepOutcome.Declined);
        if (!anyDeclined && RiskCalculator.IsHigh(risk.CompositeScore))
            reviewReasons.Add(ReviewReason.RiskHigh);
        reviewReasons = reviewReasons.Distinct().ToList();
        var automatic = anyDeclined ? SessionDecision.Declined
            : reviewReasons.Count > 0 ? SessionDecision.Review
            : SessionDecision.Approved;

        Results = results;
        Risk = risk;
        RiskScore = risk.CompositeScore;
        RiskLevel = risk.Level;
        var outcome = rules is { Count: > 0 }
            ? RuleEngine.Evaluate(rules, RuleFacts.For(this, results, risk.CompositeScore, risk.Level, now), automatic)
            : null;
        RuleLog = outcome?.Log;
        foreach (var triggered in outcome?.Triggered ?? [])
            RaiseRuleTriggered(triggered, now);
        var applied = outcome?.Applied;
        var decision = outcome?.Decision ?? automatic;
        if (applied is not null)
        {
            DecidedBy = applied.DecidedBy;
            DecisionReason = applied.Action.Reason;
            if (decision == SessionDecision.Review)
                reviewReasons = automatic == SessionDecision.Review ? [.. reviewReasons, ReviewReason.RuleReview] : [ReviewReason.RuleReview];
        }
        if (decision == SessionDecision.Declined)
        {
            Decision = SessionDecision.Declined;
            Status = SessionStatus.Declined;
            if (results.TryGetValue(VerificationStep.Liveness, out var liveness) && liveness.Status == StepOutcome.Declined)
                RaiseLivenessFailed(now);
        }
        else if (decision == SessionDecision.Review)
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
        DecidedBy ??= "system";
        DecidedAt = now;
        CompletedAt = now;
        RaiseCompletion(now);
    }

    /// <summary><c>rule.triggered</c> (spec §18): which rule matched this session and what it does.</summary>
    private void RaiseRuleTriggered(Rule rule, DateTime now) =>
        _events.Add(new SessionEvent("rule.triggered", now, new Dictionary<string, object?>
        {
            ["rule_id"] = rule.Id,
            ["name"] = rule.Name,
            ["session_id"] = Id,
            ["action"] = rule.Action.Type,
            ["livemode"] = LiveMode,
        }));

    private static Dictionary<VerificationStep, StepResult> WithOutcome(
        IReadOnlyDictionary<VerificationStep, StepResult> results, VerificationStep step, StepOutcome outcome) =>
        results.ToDictionary(pair => pair.Key, pair => pair.Key == step ? pair.Value with { Status = outcome } : pair.Value);

    /// <summary>Why the session cannot be submitted now (a 409, spec §8.6), or null when its status allows it.</summary>
    public string? SubmitRefusal(DateTime now)
    {
        if (Status == SessionStatus.Created && !IsDueForExpiry(now))
            return null;
        return Status switch
        {
            SessionStatus.Created or SessionStatus.Expired => "The session has expired.",
            SessionStatus.Processing => "The session has already been submitted.",
            _ => $"The session is already {Status.ToWire()}.",
        };
    }

    /// <summary>
    /// Why the hosted flow may not write to the session (a 409, spec §13), or null: it must be created and unexpired,
    /// and for uploads and submit (<paramref name="needsConsent"/>) consented to.
    /// </summary>
    public string? FlowWriteRefusal(DateTime now, bool needsConsent)
    {
        if (Status == SessionStatus.Expired || IsDueForExpiry(now))
            return "The session has expired.";
        if (Status != SessionStatus.Created)
            return "The session has been submitted.";
        return needsConsent && ConsentGivenAt is null ? "Consent has not been given yet (POST consent first)." : null;
    }

    /// <summary>Hands the session to the checks (spec §8.6); callers verify uploads first (<see cref="MissingUploads"/>).</summary>
    public bool TrySubmit(DateTime now)
    {
        if (SubmitRefusal(now) is not null)
            return false;
        now = Clock.ToSeconds(now);
        Status = SessionStatus.Processing;
        SubmittedAt = now;
        Raise("session.processing", now, data => data["submitted_at"] = SubmittedAt);
        return true;
    }

    /// <summary>
    /// <c>liveness.failed</c> (spec §20): the liveness step was declined — by the checks, or by a person deciding a
    /// session whose liveness was in doubt. Raised before the completion events it leads to.
    /// </summary>
    private void RaiseLivenessFailed(DateTime now) => Raise("liveness.failed", now, data =>
    {
        var liveness = Results.GetValueOrDefault(VerificationStep.Liveness);
        data["liveness_score"] = liveness?.Score;
        data["liveness_mode"] = (liveness?.Details as Checks.Details.LivenessStepDetails)?.Mode;
    });

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
