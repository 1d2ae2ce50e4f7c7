using Verilock.Domain.Media;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Tests;

/// <summary>Uploads, submit prerequisites, derived review reasons and redaction on the session aggregate.</summary>
public class SessionMediaTests
{
    private static readonly DateTime Now = new(2026, 3, 15, 10, 30, 0, DateTimeKind.Utc);

    private static Session NewSession(params VerificationStep[] steps) => Session.Create(new Session.CreateArgs(
        Guid.NewGuid(), true, ProfileSettings.Defaults(steps), null, new Applicant("Jean", "Dupont", "j@example.com", null, "FR"), "usr_1",
        new Dictionary<string, object?> { ["k"] = "v" }, null, null, true, TimeSpan.FromHours(1)), Now);

    private static StoredMedia Media(string key) => new(key, "image/jpeg", 10, "00", Now, "a.jpg");

    [Fact]
    public void A_document_keeps_its_id_replaces_sides_and_reports_what_submit_still_needs()
    {
        var session = NewSession(VerificationStep.Document, VerificationStep.Selfie);
        Assert.Equal(["document.front", "selfie"], session.MissingUploads());
        Assert.Empty(session.PutDocument("id_card", Media("aa01"), null, Now));
        var id = session.Document!.Id;
        Assert.Equal(["document.back", "selfie"], session.MissingUploads());
        Assert.Equal(["aa01"], session.PutDocument(null, Media("aa02"), Media("aa03"), Now));
        Assert.Equal(id, session.Document.Id);
        Assert.Equal("id_card", session.Document.Type);
        Assert.Equal("aa02", session.Document.Front!.StorageKey);
        Assert.Empty(session.PutSelfie(Media("aa04"), Now));
        Assert.Equal(["aa04"], session.PutSelfie(Media("aa05"), Now));
        Assert.Empty(session.MissingUploads());
        Assert.Equal(["aa02", "aa03", "aa05"], session.MediaKeys());
    }

    [Fact]
    public void Uploads_are_refused_without_the_step_after_submit_and_after_expiry()
    {
        var session = NewSession(VerificationStep.Document);
        Assert.Equal("This session has no selfie step.", session.UploadRefusal(VerificationStep.Selfie, Now));
        Assert.Equal("The session has expired.", session.UploadRefusal(VerificationStep.Document, Now.AddHours(1)));
        Assert.Throws<InvalidOperationException>(() => session.PutSelfie(Media("aa01"), Now));
        session.PutDocument("passport", Media("aa01"), null, Now);
        Assert.True(session.TrySubmit(Now));
        Assert.Equal("The session has been submitted; uploads are closed.", session.UploadRefusal(VerificationStep.Document, Now));
    }

    [Fact]
    public void A_data_mismatch_sends_an_otherwise_clean_session_to_review_or_declines_it_when_asked()
    {
        static Dictionary<VerificationStep, StepResult> Results() => new()
        {
            [VerificationStep.Document] = new(StepOutcome.Approved, 0.99, Verilock.Domain.Checks.Details.DocumentStepDetails.Unread("passport") with
            {
                DataConsistency = new Verilock.Domain.Mrz.DataConsistency(true, false, true),
            }),
        };
        var review = NewSession(VerificationStep.Document);
        review.TrySubmit(Now);
        review.RecordCheckOutcome(Results(), [], Now);
        Assert.Equal(SessionDecision.Review, review.Decision);
        Assert.Equal(["data_mismatch"], review.ReviewReasons);
        Assert.Equal(StepOutcome.Pending, review.Results[VerificationStep.Document].Status);
        Assert.Equal(10, review.RiskScore); // document 1 × 0.7143 + one mismatch in three, 33 × 0.2857

        var declined = NewSession(VerificationStep.Document);
        declined.TrySubmit(Now);
        declined.RecordCheckOutcome(Results(), [], Now, declineOnDataMismatch: true);
        Assert.Equal(SessionStatus.Declined, declined.Status);
        Assert.Empty(declined.ReviewReasons);
    }

    [Fact]
    public void A_high_risk_without_a_declined_step_adds_risk_high()
    {
        var session = NewSession(VerificationStep.Aml);
        session.TrySubmit(Now);
        session.RecordCheckOutcome(new Dictionary<VerificationStep, StepResult> { [VerificationStep.Aml] = new(StepOutcome.Approved, 0.6, null) }, [], Now);
        Assert.Equal(60, session.RiskScore);
        Assert.Equal("high", session.RiskLevel);
        Assert.Equal(["risk_high"], session.ReviewReasons);
        Assert.Equal(SessionDecision.Review, session.Decision);
    }

    [Fact]
    public void Redaction_keeps_the_tombstone_expires_a_waiting_session_and_refuses_a_running_one()
    {
        var waiting = NewSession(VerificationStep.Document);
        waiting.PutDocument("passport", Media("aa01"), null, Now);
        waiting.ClearPendingEvents();
        var token = waiting.SessionToken;
        Assert.Equal(Session.RedactionResult.Redacted, waiting.Redact(Now.AddMinutes(1)));
        Assert.Equal(SessionStatus.Expired, waiting.Status);
        Assert.Equal(["session.expired"], waiting.PendingEvents.Select(e => e.Type));
        Assert.Equal(Applicant.Empty, waiting.Applicant);
        Assert.Null(waiting.ReferenceId);
        Assert.Empty(waiting.Metadata);
        Assert.Null(waiting.Document);
        Assert.False(waiting.MonitoringEnabled);
        Assert.NotEqual(token, waiting.SessionToken);
        Assert.Equal(Now.AddMinutes(1), waiting.RedactedAt);
        Assert.Equal(Session.RedactionResult.AlreadyRedacted, waiting.Redact(Now.AddMinutes(2)));

        var running = NewSession(VerificationStep.Document);
        running.PutDocument("passport", Media("aa01"), null, Now);
        running.TrySubmit(Now);
        Assert.Equal(Session.RedactionResult.Conflict, running.Redact(Now));
        Assert.NotNull(running.Document);
    }

    [Fact]
    public void Active_liveness_draws_its_challenges_keeps_one_burst_and_redaction_forgets_it()
    {
        var settings = ProfileSettings.Defaults([VerificationStep.Selfie, VerificationStep.Liveness]) with { LivenessMode = "active" };
        var session = Session.Create(new Session.CreateArgs(Guid.NewGuid(), true, settings, null, Applicant.Empty, null,
            new Dictionary<string, object?>(), null, null, false, TimeSpan.FromHours(1)), Now);
        Assert.Equal(ProfileSettings.AllChallenges.Order(), session.Liveness!.Challenges.Order());
        Assert.True(session.NeedsLivenessFrames);
        Assert.Throws<ArgumentOutOfRangeException>(() => session.PutLivenessFrames([Media("f0")], Now));
        var first = Enumerable.Range(0, 8).Select(i => Media($"f{i}")).ToList();
        Assert.Empty(session.PutLivenessFrames(first, Now));
        Assert.Equal(first.Select(f => f.StorageKey), session.PutLivenessFrames(Enumerable.Range(0, 9).Select(i => Media($"g{i}")).ToList(), Now));
        Assert.Empty(session.PutSelfie(Media("s1"), Now));
        Assert.Equal(["s1", "g0", "g1", "g2", "g3", "g4", "g5", "g6", "g7", "g8"], session.MediaKeys());

        Assert.True(session.GiveConsent(Now));
        Assert.Equal(Session.RedactionResult.Redacted, session.Redact(Now));
        Assert.Null(session.Liveness);
        Assert.Empty(session.MediaKeys());

        var passive = NewSession(VerificationStep.Selfie, VerificationStep.Liveness);
        Assert.Null(passive.Liveness);
        Assert.Throws<InvalidOperationException>(() => passive.PutLivenessFrames(first, Now));
    }
}
