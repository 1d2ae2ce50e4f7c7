using Verilock.Domain.Sessions;

namespace Verilock.Domain.Tests;

public class SessionTests
{
    private static readonly DateTime Now = new(2026, 3, 15, 10, 30, 0, 500, DateTimeKind.Utc);

    private static Session NewSession(TimeSpan? expiresIn = null, params VerificationStep[] steps) =>
        Session.Create(new Session.CreateArgs(
            Guid.NewGuid(), true,
            ProfileSettings.Defaults(steps.Length == 0 ? [VerificationStep.Document, VerificationStep.Selfie, VerificationStep.FaceMatch] : steps),
            null, new Applicant("Jean", "Dupont", null, null, "FR"), "usr_1", new Dictionary<string, object?>(),
            null, null, false, expiresIn ?? TimeSpan.FromHours(1)), Now);

    private static void PutInReview(Session session)
    {
        Assert.True(session.TrySubmit(Now));
        session.RecordCheckOutcome(new Dictionary<VerificationStep, StepResult>
        {
            [VerificationStep.Document] = new(StepOutcome.Approved, 0.98, null),
            [VerificationStep.Selfie] = new(StepOutcome.Approved, null, null),
            [VerificationStep.FaceMatch] = new(StepOutcome.Pending, 0.7, null),
        }, ["face_match_inconclusive"], Now);
    }

    [Fact]
    public void The_aggregate_says_why_a_submit_or_a_flow_write_is_refused()
    {
        var session = NewSession();
        Assert.Null(session.SubmitRefusal(Now));
        Assert.Equal("Consent has not been given yet (POST consent first).", session.FlowWriteRefusal(Now, needsConsent: true));
        Assert.Null(session.FlowWriteRefusal(Now, needsConsent: false));
        Assert.Equal("The session has expired.", session.SubmitRefusal(Now.AddHours(2)));
        Assert.Equal("The session has expired.", session.FlowWriteRefusal(Now.AddHours(2), needsConsent: false));

        Assert.True(session.GiveConsent(Now));
        Assert.Null(session.FlowWriteRefusal(Now, needsConsent: true));
        Assert.True(session.TrySubmit(Now));
        Assert.Equal("The session has already been submitted.", session.SubmitRefusal(Now));
        Assert.Equal("The session has been submitted.", session.FlowWriteRefusal(Now, needsConsent: true));
    }

    [Fact]
    public void The_aggregate_says_why_a_manual_decision_is_refused_and_a_repeat_is_not_refused()
    {
        var session = NewSession();
        Assert.Equal("The session has not been submitted yet.", session.ManualDecisionRefusal(SessionDecision.Approved));
        Assert.True(session.TrySubmit(Now));
        Assert.Equal("The session's checks are still running; decide once its decision is review.", session.ManualDecisionRefusal(SessionDecision.Approved));

        var review = NewSession();
        PutInReview(review);
        Assert.Null(review.ManualDecisionRefusal(SessionDecision.Declined));
        Assert.Equal(Session.ManualDecisionResult.Applied, review.DecideManually(SessionDecision.Declined, null, "op_1", Now));
        Assert.Null(review.ManualDecisionRefusal(SessionDecision.Declined));
        Assert.Equal("The session is already declined; a final decision cannot be reversed.", review.ManualDecisionRefusal(SessionDecision.Approved));
    }

    [Fact]
    public void A_session_lives_at_least_the_minimum_lifetime_that_list_reads_rely_on()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => NewSession(Session.MinimumLifetime - TimeSpan.FromSeconds(1)));
        Assert.Equal(Now.AddTicks(-Now.Ticks % TimeSpan.TicksPerSecond) + Session.MinimumLifetime, NewSession(Session.MinimumLifetime).ExpiresAt);
    }

    [Fact]
    public void Create_truncates_to_seconds_and_raises_session_created_with_the_core_fields()
    {
        var session = NewSession();
        Assert.Equal(new DateTime(2026, 3, 15, 10, 30, 0, DateTimeKind.Utc), session.CreatedAt);
        Assert.Equal(session.CreatedAt.AddHours(1), session.ExpiresAt);
        Assert.Equal(SessionStatus.Created, session.Status);
        Assert.All(session.Results.Values, r => Assert.Equal(StepOutcome.NotStarted, r.Status));
        var created = Assert.Single(session.PendingEvents);
        Assert.Equal("session.created", created.Type);
        Assert.Equal(
            ["session_id", "status", "decision", "risk_score", "risk_level", "reference_id", "external_id", "livemode", "steps", "expires_at", "created_at"],
            created.Data.Keys);
        Assert.Equal("created", created.Data["status"]);
        Assert.Equal("usr_1", created.Data["external_id"]);
    }

    [Fact]
    public void A_created_session_expires_exactly_at_expires_at_and_only_once()
    {
        var session = NewSession(TimeSpan.FromMinutes(5));
        session.ClearPendingEvents();
        Assert.False(session.ExpireIfDue(session.ExpiresAt.AddSeconds(-1)));
        Assert.True(session.ExpireIfDue(session.ExpiresAt));
        Assert.Equal(SessionStatus.Expired, session.Status);
        Assert.False(session.ExpireIfDue(session.ExpiresAt.AddHours(1)));
        Assert.Equal(["session.expired"], session.PendingEvents.Select(e => e.Type));
        Assert.False(session.TrySubmit(session.ExpiresAt));
    }

    [Fact]
    public void A_processing_session_never_expires()
    {
        var session = NewSession(TimeSpan.FromMinutes(5));
        Assert.True(session.TrySubmit(Now));
        Assert.False(session.ExpireIfDue(Now.AddDays(1)));
        Assert.Equal(SessionStatus.Processing, session.Status);
    }

    [Fact]
    public void Manual_approval_of_a_review_settles_pending_steps_and_raises_completed_then_approved()
    {
        var session = NewSession();
        PutInReview(session);
        Assert.Equal(SessionDecision.Review, session.Decision);
        Assert.Equal(SessionStatus.Processing, session.Status);
        session.ClearPendingEvents();

        var result = session.DecideManually(SessionDecision.Approved, "ok", "qi_live_a1b2c3d4", Now.AddMinutes(1));
        Assert.Equal(Session.ManualDecisionResult.Applied, result);
        Assert.Equal(SessionStatus.Approved, session.Status);
        Assert.Equal(StepOutcome.Approved, session.Results[VerificationStep.FaceMatch].Status);
        Assert.Equal("qi_live_a1b2c3d4", session.DecidedBy);
        Assert.Equal(14, session.RiskScore); // from the checks (document 0.98, similarity 0.7), kept by the manual decision
        Assert.Equal(["session.completed", "session.approved"], session.PendingEvents.Select(e => e.Type));
        Assert.Equal("qi_live_a1b2c3d4", session.PendingEvents[0].Data["decided_by"]);

        Assert.Equal(Session.ManualDecisionResult.AlreadyThatOutcome, session.DecideManually(SessionDecision.Approved, null, "x", Now));
        Assert.Equal(Session.ManualDecisionResult.Conflict, session.DecideManually(SessionDecision.Declined, null, "x", Now));
        Assert.Equal(2, session.PendingEvents.Count);
    }

    [Fact]
    public void Manual_decisions_conflict_before_review()
    {
        var created = NewSession();
        Assert.Equal(Session.ManualDecisionResult.Conflict, created.DecideManually(SessionDecision.Approved, null, "x", Now));
        var checking = NewSession();
        Assert.True(checking.TrySubmit(Now));
        Assert.Equal(Session.ManualDecisionResult.Conflict, checking.DecideManually(SessionDecision.Declined, null, "x", Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => checking.DecideManually(SessionDecision.Review, null, "x", Now));
    }

    [Fact]
    public void Any_declined_step_declines_the_session_and_clean_results_approve_it()
    {
        var declined = NewSession();
        Assert.True(declined.TrySubmit(Now));
        declined.RecordCheckOutcome(declined.Steps.ToDictionary(s => s, s => new StepResult(s == VerificationStep.FaceMatch ? StepOutcome.Declined : StepOutcome.Approved, 0.3, null)),
            ["face_match_inconclusive"], Now);
        Assert.Equal(SessionStatus.Declined, declined.Status);
        Assert.Equal("system", declined.DecidedBy);
        Assert.Empty(declined.ReviewReasons);

        var approved = NewSession();
        Assert.True(approved.TrySubmit(Now));
        approved.RecordCheckOutcome(approved.Steps.ToDictionary(s => s, _ => new StepResult(StepOutcome.Approved, 0.99, null)), [], Now);
        Assert.Equal(SessionStatus.Approved, approved.Status);
        Assert.Equal(approved.CompletedAt, approved.DecidedAt);
        Assert.Throws<InvalidOperationException>(() =>
            approved.RecordCheckOutcome(approved.Results, [], Now));
    }

    [Fact]
    public void A_declined_liveness_step_raises_liveness_failed_before_the_completion()
    {
        var steps = new[] { VerificationStep.Selfie, VerificationStep.Liveness };
        var spoofed = NewSession(null, steps);
        Assert.True(spoofed.TrySubmit(Now));
        spoofed.ClearPendingEvents();
        spoofed.RecordCheckOutcome(new Dictionary<VerificationStep, StepResult>
        {
            [VerificationStep.Selfie] = new(StepOutcome.Approved, null, null),
            [VerificationStep.Liveness] = new(StepOutcome.Declined, 0.12, new Verilock.Domain.Checks.Details.LivenessStepDetails(false, "active", [])),
        }, [], Now);
        Assert.Equal(["liveness.failed", "session.completed", "session.declined"], spoofed.PendingEvents.Select(e => e.Type));
        var failed = spoofed.PendingEvents[0].Data;
        Assert.Equal(0.12, failed["liveness_score"]);
        Assert.Equal("active", failed["liveness_mode"]);
        Assert.Equal("declined", failed["status"]);

        // A person declining a session whose liveness was in doubt declines the step too.
        var doubtful = NewSession(null, steps);
        Assert.True(doubtful.TrySubmit(Now));
        doubtful.RecordCheckOutcome(new Dictionary<VerificationStep, StepResult>
        {
            [VerificationStep.Selfie] = new(StepOutcome.Approved, null, null),
            [VerificationStep.Liveness] = new(StepOutcome.Pending, 0.6, new Verilock.Domain.Checks.Details.LivenessStepDetails(false, "passive", [])),
        }, ["liveness_inconclusive"], Now);
        doubtful.ClearPendingEvents();
        doubtful.DecideManually(SessionDecision.Declined, null, "op_1", Now);
        Assert.Equal(["liveness.failed", "session.completed", "session.declined"], doubtful.PendingEvents.Select(e => e.Type));

        // Declining for another reason, or approving, says nothing about liveness.
        var otherwise = NewSession();
        PutInReview(otherwise);
        otherwise.ClearPendingEvents();
        otherwise.DecideManually(SessionDecision.Declined, null, "op_1", Now);
        Assert.DoesNotContain("liveness.failed", otherwise.PendingEvents.Select(e => e.Type));
    }
}
