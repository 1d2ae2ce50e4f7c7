using System.Net;
using System.Text.Json.Nodes;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Rules;

/// <summary><c>POST /orchestration/rules/simulate</c> (spec §18): counts and changes, nothing written, on both databases.</summary>
public abstract class RuleSimulationTests(ApiFixture api) : ApiTests(api)
{
    private static Task<string> RuleAsync(HttpClient client, string conditions, string action, int priority = 10) =>
        RuleSessions.RuleAsync(client, conditions, action, priority);

    private static Task<string> SubmittedAsync(HttpClient client, string lastName) => RuleSessions.SubmittedAsync(client, lastName);

    private static Task<JsonNode> SessionAsync(HttpClient client, string id) => RuleSessions.SessionAsync(client, id);

    private const string Simulate = "/api/v1/orchestration/rules/simulate";

    private static string Draft(string conditions, string action) =>
        $$"""{"name":"Draft","priority":10,"conditions":{{conditions}},"action":{{action}}}""";

    [Fact]
    public async Task The_draft_is_replayed_over_decided_sessions_with_the_existing_rules_and_nothing_changes()
    {
        var caller = await Api.NewCallerAsync();
        await SubmittedAsync(caller.Client, "Dupont");
        var review = await SubmittedAsync(caller.Client, "Review");
        await SubmittedAsync(caller.Client, "Decline");
        var decidedByPerson = await SubmittedAsync(caller.Client, "Review");
        await Api.RunChecksAsync();
        await (await caller.Client.PostJsonAsync($"{Sessions}/{decidedByPerson}/decision", """{"decision":"approved"}""")).ExpectAsync(HttpStatusCode.OK);
        var waiting = await CreateAsync(caller.Client);
        var otherAccount = await Api.NewCallerAsync();
        await SubmittedAsync(otherAccount.Client, "Dupont");
        await Api.RunChecksAsync();

        // Decline whatever the face match left below 0.9: the review session (0.7); the approved one is at 0.96.
        var result = await (await caller.Client.PostJsonAsync(Simulate, $$"""
            {"rule":{{Draft("""[{"field":"face_match.similarity","operator":"lt","value":0.9}]""", """{"type":"decline"}""")}}}
            """)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["sessions_evaluated", "matched", "decisions_changed", "changes"], result.Keys());
        Assert.Equal(3, (int)result["sessions_evaluated"]!);
        Assert.Equal(1, (int)result["matched"]!);
        Assert.Equal(1, (int)result["decisions_changed"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""[{"session_id":"{{review}}","from":"review","to":"declined"}]"""), result["changes"]),
            result.ToJsonString());
        Assert.Equal("review", (string?)(await SessionAsync(caller.Client, review))["decision"]);
        Assert.Equal("created", (string?)(await SessionAsync(caller.Client, waiting))["status"]);

        // An existing rule that approves everything, run first.
        await RuleAsync(caller.Client, """[{"field":"risk_score","operator":"gte","value":0}]""", """{"type":"approve"}""", 1);
        var withExisting = await (await caller.Client.PostJsonAsync(Simulate, $$"""
            {"rule":{{Draft("""[{"field":"risk_score","operator":"gte","value":0}]""", """{"type":"decline"}""")}}}
            """)).ExpectAsync(HttpStatusCode.OK);
        // The existing rule decides the approved and the review session (the stored review was decided before it existed) and
        // ends their evaluation; it may not override the decline, so the draft runs there only, and declines what was declined.
        Assert.Equal(1, (int)withExisting["matched"]!);
        Assert.Equal(1, (int)withExisting["decisions_changed"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse($$"""[{"session_id":"{{review}}","from":"review","to":"approved"}]"""), withExisting["changes"]),
            withExisting.ToJsonString());
    }

    [Fact]
    public async Task The_window_and_the_limit_bound_the_sessions()
    {
        var caller = await Api.NewCallerAsync();
        await SubmittedAsync(caller.Client, "Dupont");
        await SubmittedAsync(caller.Client, "Dupont");
        await Api.RunChecksAsync();
        var draft = Draft("""[{"field":"risk_score","operator":"gte","value":0}]""", """{"type":"review"}""");
        var today = Api.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd");
        var yesterday = Api.Clock.GetUtcNow().UtcDateTime.AddDays(-1).ToString("yyyy-MM-dd");

        var limited = await (await caller.Client.PostJsonAsync(Simulate, $$"""{"rule":{{draft}},"from":"{{today}}","to":"{{today}}","limit":1}"""))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)limited["sessions_evaluated"]!);
        Assert.Equal(1, (int)limited["decisions_changed"]!);
        Assert.Equal("review", (string?)limited["changes"]![0]!["to"]);
        var before = await (await caller.Client.PostJsonAsync(Simulate, $$"""{"rule":{{draft}},"to":"{{yesterday}}"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"sessions_evaluated":0,"matched":0,"decisions_changed":0,"changes":[]}""", before.ToJsonString());
    }

    [Theory]
    [InlineData("""{"rule":{"name":"x","conditions":[{"field":"risk_score","operator":"like","value":1}],"action":{"type":"approve"}}}""", "rule.conditions.0.operator")]
    [InlineData("""{"rule":{"name":"x","conditions":[{"field":"risk_score","operator":"eq","value":1}],"action":{"type":"approve"}},"limit":10001}""", "limit")]
    [InlineData("""{"rule":{"name":"x","conditions":[{"field":"risk_score","operator":"eq","value":1}],"action":{"type":"approve"}},"from":"2026-13-01"}""", "from")]
    [InlineData("""{"limit":5}""", "rule")]
    public async Task A_bad_simulation_is_a_422_naming_the_field(string json, string field)
    {
        var caller = await Api.NewCallerAsync();
        var details = await (await caller.Client.PostJsonAsync(Simulate, json)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal([field], details!.Keys());
    }
}

public sealed class RuleSimulationTestsOnSqlite(SqliteApiFixture api) : RuleSimulationTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RuleSimulationTestsOnPostgres(PostgresApiFixture api) : RuleSimulationTests(api), IClassFixture<PostgresApiFixture>;
