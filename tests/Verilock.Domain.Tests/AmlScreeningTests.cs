using Verilock.Domain.Aml;

namespace Verilock.Domain.Tests;

public class AmlScreeningTests
{
    private static readonly DateTime Now = new(2026, 3, 15, 10, 30, 0, 700, DateTimeKind.Utc);

    private static AmlMatch Match(string entityId, double score) =>
        new(entityId, "un_sc", "NAME", "NAME", score, "person", [], null, null, ["name"]);

    private static AmlScreening.CreateArgs Args(params AmlMatch[] matches) =>
        new(Guid.NewGuid(), true, new AmlQuery("John Doe", null, null, "1985-03-15", null), ["un_sc"], 0.8, matches, "usr_1");

    [Fact]
    public void A_screening_with_matches_is_a_potential_match_and_raises_completed_then_match_found()
    {
        var screening = AmlScreening.Create(Args(Match("un_sc:1", 0.85), Match("un_sc:2", 0.91)), Now);
        Assert.StartsWith("aml_", screening.Id);
        Assert.Equal(AmlScreeningStatus.PotentialMatch, screening.Status);
        Assert.Equal("high", screening.Status.RiskLevel());
        Assert.Equal(0.91, screening.HighestScore);
        Assert.Equal(["un_sc:2", "un_sc:1"], screening.Matches.Select(m => m.EntityId)); // best first
        Assert.Equal(new DateTime(2026, 3, 15, 10, 30, 0, DateTimeKind.Utc), screening.CreatedAt);
        Assert.Equal(["aml.completed", "aml.match_found"], screening.PendingEvents.Select(e => e.Type));
        var data = screening.PendingEvents[0].Data;
        Assert.Equal(["screening_id", "session_id", "reference_id", "status", "risk_level", "highest_score", "matches_found", "is_monitoring_run", "livemode"], data.Keys);
        Assert.Equal(2, data["matches_found"]);
        Assert.Equal(2, ((object[])screening.PendingEvents[1].Data["matches"]!).Length);
    }

    [Fact]
    public void A_screening_without_matches_is_clear_with_score_0_and_raises_only_completed()
    {
        var screening = AmlScreening.Create(Args(), Now);
        Assert.Equal(AmlScreeningStatus.Clear, screening.Status);
        Assert.Equal("low", screening.Status.RiskLevel());
        Assert.Equal(0, screening.HighestScore);
        Assert.Equal(["aml.completed"], screening.PendingEvents.Select(e => e.Type));
    }

    [Fact]
    public void Decisions_apply_once_repeat_as_no_ops_and_never_reverse()
    {
        var screening = AmlScreening.Create(Args(Match("un_sc:1", 0.85)), Now);
        screening.ClearPendingEvents();
        Assert.Equal(AmlScreening.DecisionResult.Applied, screening.Decide(AmlDecision.ConfirmedMatch, "passport", "qi_live_abcdefgh", Now));
        Assert.Equal(AmlScreeningStatus.ConfirmedMatch, screening.Status);
        Assert.Equal("critical", screening.Status.RiskLevel());
        Assert.Equal(new DateTime(2026, 3, 15, 10, 30, 0, DateTimeKind.Utc), screening.DecidedAt);
        Assert.Equal(AmlScreening.DecisionResult.AlreadyThatDecision, screening.Decide(AmlDecision.ConfirmedMatch, "other", "qi_live_zzzzzzzz", Now.AddHours(1)));
        Assert.Equal(("passport", "qi_live_abcdefgh"), (screening.DecisionReason, screening.DecidedBy));
        Assert.Equal(AmlScreening.DecisionResult.Conflict, screening.Decide(AmlDecision.Clear, null, "qi_live_abcdefgh", Now));
        Assert.Empty(screening.PendingEvents);
    }

    [Fact]
    public void Clearing_a_potential_match_keeps_its_matches_and_confirming_nothing_is_a_conflict()
    {
        var falsePositive = AmlScreening.Create(Args(Match("un_sc:1", 0.85)), Now);
        Assert.Equal(AmlScreening.DecisionResult.Applied, falsePositive.Decide(AmlDecision.Clear, null, "k", Now));
        Assert.Equal(AmlScreeningStatus.Clear, falsePositive.Status);
        Assert.Single(falsePositive.Matches);

        var clear = AmlScreening.Create(Args(), Now);
        Assert.Equal(AmlScreening.DecisionResult.Conflict, clear.Decide(AmlDecision.ConfirmedMatch, null, "k", Now));
        Assert.Null(clear.Decision);
        Assert.Equal(AmlScreening.DecisionResult.Applied, clear.Decide(AmlDecision.Clear, null, "k", Now));
    }

    [Fact]
    public void An_escalation_stays_a_potential_match_until_a_final_verdict()
    {
        var screening = AmlScreening.Create(Args(Match("un_sc:1", 0.85)), Now);
        Assert.Equal(AmlScreening.DecisionResult.Applied, screening.Decide(AmlDecision.Escalate, "senior review", "k", Now));
        Assert.Equal(AmlScreeningStatus.PotentialMatch, screening.Status);
        Assert.True(screening.AwaitsVerdict);
        Assert.Equal(AmlScreening.DecisionResult.AlreadyThatDecision, screening.Decide(AmlDecision.Escalate, null, "k", Now));
        Assert.Equal(AmlScreening.DecisionResult.Applied, screening.Decide(AmlDecision.Clear, null, "senior", Now));
        Assert.Equal(AmlScreeningStatus.Clear, screening.Status);
        Assert.False(screening.AwaitsVerdict);
        Assert.Equal(AmlScreening.DecisionResult.Conflict, screening.Decide(AmlDecision.Escalate, null, "k", Now));

        var clear = AmlScreening.Create(Args(), Now);
        Assert.Equal(AmlScreening.DecisionResult.Conflict, clear.Decide(AmlDecision.Escalate, null, "k", Now));
    }

    [Theory]
    [InlineData("clear", AmlDecision.Clear)]
    [InlineData("approve", AmlDecision.Clear)]
    [InlineData("confirmed_match", AmlDecision.ConfirmedMatch)]
    [InlineData("decline", AmlDecision.ConfirmedMatch)]
    [InlineData("escalate", AmlDecision.Escalate)]
    public void Decisions_are_read_in_both_vocabularies_and_written_in_the_current_one(string wire, AmlDecision expected)
    {
        Assert.True(AmlScreeningStatuses.TryParseDecision(wire, out var decision));
        Assert.Equal(expected, decision);
        Assert.True(AmlScreeningStatuses.TryParseDecision(decision.ToWire(), out var again));
        Assert.Equal(decision, again);
        Assert.False(AmlScreeningStatuses.TryParseDecision("approved", out _));
    }

    [Fact]
    public void A_monitoring_run_reports_only_entities_the_previous_screening_lacked()
    {
        var parent = AmlScreening.Create(Args(Match("un_sc:1", 0.85)), Now);
        var run = AmlScreening.CreateMonitoringRun(Args(Match("un_sc:1", 0.86), Match("un_sc:9", 0.9)) with { MonitoringEnabled = true },
            parent.Id, parent.Matches, "un_sc@2026-03-16#abc", Now);
        Assert.True(run.IsMonitoringRun);
        Assert.False(run.MonitoringEnabled);
        Assert.Equal(parent.Id, run.ParentScreeningId);
        var e = Assert.Single(run.PendingEvents);
        Assert.Equal("aml.monitoring.match", e.Type);
        Assert.Equal(true, e.Data["is_monitoring_run"]);
        Assert.Equal("John Doe", e.Data["screened_name"]);
        Assert.Equal(parent.Id, e.Data["parent_screening_id"]);
        var reported = (object[])e.Data["matches"]!;
        Assert.Equal("un_sc:9", ((Dictionary<string, object?>)reported.Single())["entity_id"]);

        var quiet = AmlScreening.CreateMonitoringRun(Args(Match("un_sc:1", 0.86)), parent.Id, parent.Matches, "k", Now);
        Assert.Equal(AmlScreeningStatus.PotentialMatch, quiet.Status);
        Assert.Empty(quiet.PendingEvents);
    }

    [Theory]
    [InlineData("John Sanctioned", null, "Sanctioned")]
    [InlineData("  Jane  de la Cruz ", null, "Cruz")]
    [InlineData(null, "Doe", "Doe")]
    [InlineData(null, null, null)]
    public void The_family_name_is_the_last_name_or_the_last_word_of_the_full_name(string? fullName, string? lastName, string? expected) =>
        Assert.Equal(expected, new AmlQuery(fullName, "First", lastName, null, null).FamilyName);
}
