using Verilock.Domain.Checks.Details;
using Verilock.Domain.Rules;
using Verilock.Domain.Sessions;
using static Verilock.Domain.Tests.Rules.RuleTestData;

namespace Verilock.Domain.Tests.Rules;

public class SessionRuleTests
{
    private static Session Submitted(DateOnly? birthDate = null, params VerificationStep[] steps)
    {
        var session = Session.Create(new Session.CreateArgs(
            Guid.NewGuid(), false, ProfileSettings.Defaults(steps.Length == 0 ? [VerificationStep.Selfie] : steps), null,
            new Applicant("Jean", "Dupont", null, birthDate, "FR"), "usr_1", new Dictionary<string, object?>(), null, null, false,
            TimeSpan.FromHours(1)), Now);
        Assert.True(session.TrySubmit(Now));
        return session;
    }

    private static Dictionary<VerificationStep, StepResult> Approved(Session session) =>
        session.Steps.ToDictionary(s => s, _ => new StepResult(StepOutcome.Approved, null, new SelfieStepDetails(1)));

    [Fact]
    public void A_deciding_rule_sets_the_decision_decided_by_and_the_log_and_raises_rule_triggered_first()
    {
        var session = Submitted();
        var rule = NewRule(RuleAction.Decline, 1, C("person.nationality", "eq", "\"FR\""));

        session.RecordCheckOutcome(Approved(session), [], Now, rules: [rule]);

        Assert.Equal(SessionStatus.Declined, session.Status);
        Assert.Equal(SessionDecision.Declined, session.Decision);
        Assert.Equal("rule:" + rule.Id, session.DecidedBy);
        Assert.Equal(rule.Id, session.RuleLog!.Applied);
        Assert.Equal(SessionDecision.Approved, session.RuleLog.Automatic);
        Assert.Equal(["rule.triggered", "session.completed", "session.declined"], session.PendingEvents.Skip(2).Select(e => e.Type));
        var data = session.PendingEvents[2].Data;
        Assert.Equal(rule.Id, data["rule_id"]);
        Assert.Equal("decline", data["action"]);
        Assert.Equal(session.Id, data["session_id"]);
        Assert.Equal(false, data["livemode"]);
        // The risk stays what the checks computed.
        Assert.Equal(session.Risk!.CompositeScore, session.RiskScore);
    }

    [Fact]
    public void A_review_rule_adds_rule_review_and_leaves_the_session_processing()
    {
        var session = Submitted();
        var rule = NewRule(RuleAction.Review, 1, C("session.steps", "contains", "\"selfie\""));
        session.RecordCheckOutcome(Approved(session), [], Now, rules: [rule]);
        Assert.Equal(SessionStatus.Processing, session.Status);
        Assert.Equal(SessionDecision.Review, session.Decision);
        Assert.Equal([ReviewReason.RuleReview], session.ReviewReasons);
        Assert.Equal("rule:" + rule.Id, session.DecidedBy);
        Assert.Equal(Session.ManualDecisionResult.Applied, session.DecideManually(SessionDecision.Approved, null, "op_1", Now));
    }

    [Fact]
    public void Without_rules_nothing_is_logged_and_the_system_decides()
    {
        var session = Submitted();
        session.RecordCheckOutcome(Approved(session), [], Now, rules: []);
        Assert.Null(session.RuleLog);
        Assert.Equal("system", session.DecidedBy);
    }

    [Fact]
    public void A_rule_on_a_step_the_session_did_not_run_matches_only_is_null()
    {
        var compared = Submitted();
        compared.RecordCheckOutcome(Approved(compared), [], Now, rules: [NewRule(RuleAction.Decline, 1, C("face_match.similarity", "lt", "0.99"))]);
        Assert.Equal(SessionDecision.Approved, compared.Decision);
        Assert.False(compared.RuleLog!.Evaluated.Single().Matched);

        var missing = Submitted();
        missing.RecordCheckOutcome(Approved(missing), [], Now, rules: [NewRule(RuleAction.Decline, 1, C("face_match.similarity", "is_null"))]);
        Assert.Equal(SessionDecision.Declined, missing.Decision);
    }

    [Fact]
    public void Person_age_comes_from_the_document_else_the_applicant()
    {
        var session = Submitted(new DateOnly(2010, 3, 16));
        var facts = RuleFacts.For(session, Approved(session), 10, "low", Now);
        Assert.Equal(15m, facts.Get("person.age"));
        var document = DocumentStepDetails.Unread("passport") with { DateOfBirth = new DateOnly(1990, 3, 15), IssuingCountry = "DE" };
        var withDocument = RuleFacts.For(session, new Dictionary<VerificationStep, StepResult>
        {
            [VerificationStep.Document] = new(StepOutcome.Approved, 0.9, document),
        }, 10, "low", Now);
        Assert.Equal(36m, withDocument.Get("person.age"));
        Assert.Equal("DE", withDocument.Get("document.issuing_country"));
        Assert.Equal(false, withDocument.Get("document.expired"));
        Assert.Null(withDocument.Get("liveness.score"));
    }

    [Fact]
    public void Aml_status_is_match_when_the_screening_left_the_step_pending()
    {
        var session = Submitted(null, VerificationStep.Aml);
        var details = new AmlStepDetails("aml_1", false, true, false, []);
        var facts = RuleFacts.For(session, new Dictionary<VerificationStep, StepResult>
        {
            [VerificationStep.Aml] = new(StepOutcome.Pending, 0.93, details),
        }, 10, "low", Now);
        Assert.Equal("match", facts.Get("aml.status"));
        Assert.Equal(0.93m, facts.Get("aml.highest_score"));
        var clear = RuleFacts.For(session, new Dictionary<VerificationStep, StepResult>
        {
            [VerificationStep.Aml] = new(StepOutcome.Approved, 0, details),
        }, 10, "low", Now);
        Assert.Equal("clear", clear.Get("aml.status"));
    }
}
