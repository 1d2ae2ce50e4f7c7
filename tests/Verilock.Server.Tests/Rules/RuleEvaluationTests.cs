using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Rules;

/// <summary>
/// Rules deciding real test-mode sessions through the queue and workers (spec §18): the decision, <c>decided_by</c>,
/// <c>results.rules</c> and <c>rule.triggered</c>, on both databases.
/// </summary>
public abstract class RuleEvaluationTests(ApiFixture api) : ApiTests(api)
{
    private static Task<string> RuleAsync(HttpClient client, string conditions, string action, int priority = 10, bool allowOverride = false) =>
        RuleSessions.RuleAsync(client, conditions, action, priority, allowOverride);

    private static Task<string> SubmittedAsync(HttpClient client, string lastName, string steps = RuleSessions.FaceSteps) =>
        RuleSessions.SubmittedAsync(client, lastName, steps);

    private static Task<JsonNode> SessionAsync(HttpClient client, string id) => RuleSessions.SessionAsync(client, id);

    private const string Rules = RuleSessions.Rules;

    private Task<List<JsonNode>> RuleEventsAsync(string sessionId) => Api.WithDbAsync(async db =>
        (await db.OutboxEvents.Where(e => e.SessionId == sessionId && e.Type == "rule.triggered").OrderBy(e => e.Sequence).ToListAsync())
            .Select(e => JsonNode.Parse(e.Payload!)!).ToList());

    [Fact]
    public async Task A_rule_declines_an_approved_session_and_the_session_shows_it()
    {
        var caller = await Api.NewCallerAsync();
        var skipped = await RuleAsync(caller.Client, """[{"field":"risk_level","operator":"eq","value":"critical"}]""", """{"type":"approve"}""", 1);
        var decline = await RuleAsync(caller.Client,
            """[{"field":"person.nationality","operator":"eq","value":"FR"},{"field":"metadata.channel","operator":"eq","value":"web"},{"field":"face_match.similarity","operator":"gte","value":0.9}]""",
            """{"type":"decline","reason":"Not served"}""", 5);
        var later = await RuleAsync(caller.Client, """[{"field":"risk_score","operator":"gte","value":0}]""", """{"type":"approve"}""", 9);
        var id = await SubmittedAsync(caller.Client, "Dupont");
        await Api.RunChecksAsync();

        var session = await SessionAsync(caller.Client, id);
        Assert.Equal("declined", (string?)session["status"]);
        Assert.Equal("declined", (string?)session["decision"]);
        Assert.Equal($"rule:{decline}", (string?)session["decided_by"]);
        Assert.Equal("Not served", (string?)session["decision_reason"]);
        Assert.Equal(Api.NowText(), (string?)session["decided_at"]);
        Assert.Equal(
            $$"""{"evaluated":[{"rule_id":"{{skipped}}","name":"Rule 1","matched":false},{"rule_id":"{{decline}}","name":"Rule 5","matched":true}],"applied":"{{decline}}"}""",
            session["results"]!["rules"]!.ToJsonString());
        Assert.DoesNotContain(later, session["results"]!.ToJsonString());
        // The checks' own results and risk are untouched.
        Assert.Equal("approved", (string?)session["results"]!["face_match"]!["status"]);
        Assert.Equal("low", (string?)session["risk_level"]);
        Assert.Equal(["session.created", "session.processing", "rule.triggered", "session.completed", "session.declined"], await Api.EventTypesAsync(id));
        var data = Assert.Single(await RuleEventsAsync(id));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""{"rule_id":"{{decline}}","name":"Rule 5","session_id":"{{id}}","action":"decline","livemode":false}"""), data),
            data.ToJsonString());
    }

    [Fact]
    public async Task A_rule_approves_a_review_session_and_review_adds_rule_review()
    {
        var caller = await Api.NewCallerAsync();
        var approve = await RuleAsync(caller.Client, """[{"field":"face_match.similarity","operator":"gte","value":0.6}]""", """{"type":"approve"}""", 1);
        var review = await SubmittedAsync(caller.Client, "Review");
        await Api.RunChecksAsync();
        var approved = await SessionAsync(caller.Client, review);
        Assert.Equal("approved", (string?)approved["status"]);
        Assert.Equal($"rule:{approve}", (string?)approved["decided_by"]);
        Assert.Empty(approved["review_reasons"]!.AsArray());

        var other = await Api.NewCallerAsync();
        var reviewRule = await RuleAsync(other.Client, """[{"field":"session.steps","operator":"contains","value":"face_match"}]""", """{"type":"review"}""");
        var id = await SubmittedAsync(other.Client, "Dupont");
        await Api.RunChecksAsync();
        var inReview = await SessionAsync(other.Client, id);
        Assert.Equal("processing", (string?)inReview["status"]);
        Assert.Equal("review", (string?)inReview["decision"]);
        Assert.Equal(["rule_review"], inReview["review_reasons"]!.AsArray().Select(r => (string)r!));
        Assert.Equal($"rule:{reviewRule}", (string?)inReview["decided_by"]);
        Assert.Contains("session.review_required", await Api.EventTypesAsync(id));
    }

    [Fact]
    public async Task An_automatic_decline_stands_unless_the_rule_allows_overriding_it()
    {
        var caller = await Api.NewCallerAsync();
        var refused = await RuleAsync(caller.Client, """[{"field":"document.type","operator":"eq","value":"passport"}]""", """{"type":"approve"}""", 1);
        var id = await SubmittedAsync(caller.Client, "Decline");
        await Api.RunChecksAsync();
        var declined = await SessionAsync(caller.Client, id);
        Assert.Equal("declined", (string?)declined["status"]);
        Assert.Equal("system", (string?)declined["decided_by"]);
        Assert.Equal($$"""{"evaluated":[{"rule_id":"{{refused}}","name":"Rule 1","matched":true}],"applied":null}""", declined["results"]!["rules"]!.ToJsonString());
        Assert.Empty(await RuleEventsAsync(id));

        var allowed = await RuleAsync(caller.Client, """[{"field":"document.type","operator":"eq","value":"passport"}]""", """{"type":"approve"}""", 2, allowOverride: true);
        var overridden = await SubmittedAsync(caller.Client, "Decline");
        await Api.RunChecksAsync();
        var approved = await SessionAsync(caller.Client, overridden);
        Assert.Equal("approved", (string?)approved["status"]);
        Assert.Equal($"rule:{allowed}", (string?)approved["decided_by"]);
        Assert.Equal("declined", (string?)approved["results"]!["document"]!["status"]);
    }

    [Fact]
    public async Task A_rule_on_a_step_the_session_did_not_run_matches_only_is_null_and_webhook_rules_go_on()
    {
        var caller = await Api.NewCallerAsync();
        var compare = await RuleAsync(caller.Client, """[{"field":"face_match.similarity","operator":"lt","value":0.99}]""", """{"type":"decline"}""", 1);
        var notIn = await RuleAsync(caller.Client, """[{"field":"liveness.score","operator":"not_in","value":[0.5]}]""", """{"type":"decline"}""", 2);
        var webhook = await RuleAsync(caller.Client, """[{"field":"face_match.similarity","operator":"is_null"}]""", """{"type":"webhook"}""", 3);
        var id = await SubmittedAsync(caller.Client, "Dupont", "\"steps\":[\"document\"]");
        await Api.RunChecksAsync();

        var session = await SessionAsync(caller.Client, id);
        Assert.Equal("approved", (string?)session["status"]);
        Assert.Equal("system", (string?)session["decided_by"]);
        Assert.Equal(
            $$"""{"evaluated":[{"rule_id":"{{compare}}","name":"Rule 1","matched":false},{"rule_id":"{{notIn}}","name":"Rule 2","matched":false},{"rule_id":"{{webhook}}","name":"Rule 3","matched":true}],"applied":null}""",
            session["results"]!["rules"]!.ToJsonString());
        Assert.Equal(["session.created", "session.processing", "rule.triggered", "session.completed", "session.approved"], await Api.EventTypesAsync(id));
        Assert.Equal("webhook", (string?)Assert.Single(await RuleEventsAsync(id))["action"]);
    }

    [Fact]
    public async Task Without_rules_the_session_keeps_its_shape_and_disabled_or_other_accounts_rules_do_not_run()
    {
        var caller = await Api.NewCallerAsync();
        var other = await Api.NewCallerAsync();
        var live = await Api.NewCallerAsync(live: true, accountName: caller.AccountName);
        await RuleAsync(other.Client, """[{"field":"risk_score","operator":"gte","value":0}]""", """{"type":"decline"}""");
        await RuleAsync(live.Client, """[{"field":"risk_score","operator":"gte","value":0}]""", """{"type":"decline"}""");
        var disabled = await RuleAsync(caller.Client, """[{"field":"risk_score","operator":"gte","value":0}]""", """{"type":"decline"}""");
        await (await caller.Client.PatchAsync($"{Rules}/{disabled}", new StringContent("""{"enabled":false}""", System.Text.Encoding.UTF8, "application/json")))
            .ExpectAsync(HttpStatusCode.OK);
        var id = await SubmittedAsync(caller.Client, "Dupont");
        await Api.RunChecksAsync();
        var session = await SessionAsync(caller.Client, id);
        Assert.Equal("approved", (string?)session["status"]);
        Assert.Equal("system", (string?)session["decided_by"]);
        Assert.Equal(["document", "selfie", "face_match"], session["results"]!.Keys());
    }
}

public sealed class RuleEvaluationTestsOnSqlite(SqliteApiFixture api) : RuleEvaluationTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RuleEvaluationTestsOnPostgres(PostgresApiFixture api) : RuleEvaluationTests(api), IClassFixture<PostgresApiFixture>;
