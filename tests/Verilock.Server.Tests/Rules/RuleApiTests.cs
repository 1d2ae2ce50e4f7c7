using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Rules;

/// <summary>The orchestration rule API (spec §18): shapes, validation, scoping, order and paging, on both databases.</summary>
public abstract class RuleApiTests(ApiFixture api) : ApiTests(api)
{
    private const string Rules = "/api/v1/orchestration/rules";

    private static readonly string[] RuleKeys =
    [
        "id", "livemode", "name", "description", "priority", "enabled", "conditions", "action", "allow_override_decline",
        "created_at", "updated_at",
    ];

    private static string Body(string name = "High risk", int priority = 10, string conditions = """[{"field":"risk_score","operator":"gte","value":70}]""",
        string action = """{"type":"decline","reason":"Too risky"}""") =>
        $$"""{"name":"{{name}}","priority":{{priority}},"conditions":{{conditions}},"action":{{action}}}""";

    [Fact]
    public async Task Create_returns_the_rule_and_get_list_patch_delete_work()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var created = await caller.Client.PostJsonAsync(Rules, """
            {"name":" Block expired ","description":"Expired documents","priority":5,"enabled":true,
             "conditions":[{"field":"document.expired","operator":"eq","value":true},{"field":"face_match.similarity","operator":"is_null"}],
             "action":{"type":"decline","reason":"Expired document"},"allow_override_decline":false,"extra":1}
            """);
        var body = await created.ExpectAsync(HttpStatusCode.Created);
        var id = (string)body["id"]!;
        Assert.Matches("^rule_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.Equal($"{Rules}/{id}", created.Headers.Location!.OriginalString);
        var expected = JsonNode.Parse($$"""
            {"id":"{{id}}","livemode":true,"name":"Block expired","description":"Expired documents","priority":5,"enabled":true,
             "conditions":[{"field":"document.expired","operator":"eq","value":true},{"field":"face_match.similarity","operator":"is_null","value":null}],
             "action":{"type":"decline","reason":"Expired document"},"allow_override_decline":false,
             "created_at":"{{Api.NowText()}}","updated_at":"{{Api.NowText()}}"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Equal(RuleKeys, body.Keys());

        var fetched = await (await caller.Client.GetAsync($"{Rules}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(expected, fetched), fetched.ToJsonString());
        var listed = await (await caller.Client.GetAsync(Rules)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"current_page":1,"last_page":1,"per_page":15,"total":1}"""), listed["meta"]));
        Assert.True(JsonNode.DeepEquals(expected, listed["data"]![0]), listed.ToJsonString());

        Api.Clock.Advance(TimeSpan.FromMinutes(1));
        var patched = await (await caller.Client.PatchAsync($"{Rules}/{id}", Json(
            """{"enabled":false,"priority":7,"action":{"type":"review"},"allow_override_decline":true,"description":null}""")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Block expired", (string?)patched["name"]);
        Assert.False((bool)patched["enabled"]!);
        Assert.Equal(7, (int)patched["priority"]!);
        Assert.Null(patched["description"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"type":"review","reason":null}"""), patched["action"]));
        Assert.True((bool)patched["allow_override_decline"]!);
        Assert.True(JsonNode.DeepEquals(expected!["conditions"], patched["conditions"]));
        Assert.Equal(Api.NowText(), (string?)patched["updated_at"]);
        Assert.Equal((string?)body["created_at"], (string?)patched["created_at"]);
        var stored = await (await caller.Client.GetAsync($"{Rules}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(patched, stored), stored.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Rules}/{id}")).StatusCode);
        await (await caller.Client.GetAsync($"{Rules}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await caller.Client.DeleteAsync($"{Rules}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(0, (int)(await (await caller.Client.GetAsync(Rules)).ExpectAsync(HttpStatusCode.OK))["meta"]!["total"]!);
    }

    [Fact]
    public async Task Defaults_are_priority_0_enabled_no_override()
    {
        var caller = await Api.NewCallerAsync();
        var body = await (await caller.Client.PostJsonAsync(Rules, """
            {"name":"Minimal","conditions":[{"field":"metadata.channel","operator":"in","value":["web","app"]}],"action":{"type":"webhook"}}
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(0, (int)body["priority"]!);
        Assert.True((bool)body["enabled"]!);
        Assert.False((bool)body["allow_override_decline"]!);
        Assert.Null(body["description"]);
        Assert.False((bool)body["livemode"]!);
        Assert.Equal("""[{"field":"metadata.channel","operator":"in","value":["web","app"]}]""", body["conditions"]!.ToJsonString());
    }

    [Theory]
    [InlineData("""[{"field":"risk","operator":"eq","value":1}]""", "conditions.0.field")]
    [InlineData("""[{"field":"risk_score","operator":"gte","value":1},{"field":"risk_score","operator":"like","value":1}]""", "conditions.1.operator")]
    [InlineData("""[{"field":"risk_level","operator":"gt","value":"low"}]""", "conditions.0.operator")]
    [InlineData("""[{"field":"risk_score","operator":"gt","value":"50"}]""", "conditions.0.value")]
    [InlineData("""[{"field":"risk_score","operator":"gt","value":150}]""", "conditions.0.value")]
    [InlineData("""[{"field":"risk_score","operator":"in","value":50}]""", "conditions.0.value")]
    [InlineData("""[{"field":"risk_score","operator":"is_null","value":50}]""", "conditions.0.value")]
    [InlineData("""[{"field":"risk_score","operator":"eq"}]""", "conditions.0.value")]
    [InlineData("""[{"field":"aml.status","operator":"eq","value":"hit"}]""", "conditions.0.value")]
    [InlineData("""[{"field":"document.expired","operator":"eq","value":"yes"}]""", "conditions.0.value")]
    [InlineData("""[{"operator":"eq","value":1}]""", "conditions.0.field")]
    [InlineData("""[{"field":"risk_score","value":1}]""", "conditions.0.operator")]
    [InlineData("""[1]""", "conditions.0")]
    [InlineData("""[]""", "conditions")]
    [InlineData("""{}""", "conditions")]
    public async Task A_bad_condition_is_a_422_naming_it(string conditions, string field)
    {
        var caller = await Api.NewCallerAsync();
        var details = await (await caller.Client.PostJsonAsync(Rules, Body(conditions: conditions)))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal([field], details!.Keys());
        Assert.Contains(field, (string)details![field]![0]!);
        Assert.Equal(0, (int)(await (await caller.Client.GetAsync(Rules)).ExpectAsync(HttpStatusCode.OK))["meta"]!["total"]!);
    }

    [Theory]
    [InlineData("""{"priority":-1,"conditions":[],"action":{"type":"ban"}}""", "action.type,conditions,name,priority")]
    [InlineData("""{"name":" ","enabled":"yes","allow_override_decline":1,"conditions":[{"field":"risk_score","operator":"is_null"}],"action":{"type":"approve"}}""", "allow_override_decline,enabled,name")]
    [InlineData("""{"name":"x","conditions":[{"field":"risk_score","operator":"is_null"}]}""", "action")]
    public async Task Missing_and_wrong_fields_are_422s(string json, string fields)
    {
        var caller = await Api.NewCallerAsync();
        var details = await (await caller.Client.PostJsonAsync(Rules, json)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(fields.Split(','), details!.Keys().Order());
    }

    [Fact]
    public async Task A_patch_is_validated_like_a_create_and_changes_nothing_when_refused()
    {
        var caller = await Api.NewCallerAsync();
        var id = (string)(await (await caller.Client.PostJsonAsync(Rules, Body())).ExpectAsync(HttpStatusCode.Created))["id"]!;
        var details = await (await caller.Client.PatchAsync($"{Rules}/{id}", Json(
            """{"name":"Changed","conditions":[{"field":"person.age","operator":"lt","value":"18"}]}""")))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["conditions.0.value"], details!.Keys());
        var stored = await (await caller.Client.GetAsync($"{Rules}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("High risk", (string?)stored["name"]);
    }

    [Fact]
    public async Task Another_accounts_or_modes_rule_is_not_found()
    {
        var owner = await Api.NewCallerAsync();
        var id = (string)(await (await owner.Client.PostJsonAsync(Rules, Body())).ExpectAsync(HttpStatusCode.Created))["id"]!;
        var other = await Api.NewCallerAsync();
        var live = await Api.NewCallerAsync(live: true, accountName: owner.AccountName);
        foreach (var client in new[] { other.Client, live.Client })
        {
            await (await client.GetAsync($"{Rules}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await client.PatchAsync($"{Rules}/{id}", Json("""{"name":"Mine"}"""))).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await client.DeleteAsync($"{Rules}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
            Assert.Empty((await (await client.GetAsync(Rules)).ExpectAsync(HttpStatusCode.OK))["data"]!.AsArray());
        }
        await (await owner.Client.GetAsync($"{Rules}/rule_nope")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal("High risk", (string?)(await (await owner.Client.GetAsync($"{Rules}/{id}")).ExpectAsync(HttpStatusCode.OK))["name"]);
    }

    [Fact]
    public async Task The_list_is_in_priority_order_then_creation_order_and_pages()
    {
        var caller = await Api.NewCallerAsync();
        var names = new List<string>();
        foreach (var (name, priority) in new[] { ("c", 30), ("a", 10), ("b1", 20), ("b2", 20), ("z", 0) })
        {
            await (await caller.Client.PostJsonAsync(Rules, Body(name, priority))).ExpectAsync(HttpStatusCode.Created);
            Api.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var first = await (await caller.Client.GetAsync($"{Rules}?per_page=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["z", "a"], first["data"]!.AsArray().Select(r => (string)r!["name"]!));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"current_page":1,"last_page":3,"per_page":2,"total":5}"""), first["meta"]));
        var second = await (await caller.Client.GetAsync($"{Rules}?per_page=2&page=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["b1", "b2"], second["data"]!.AsArray().Select(r => (string)r!["name"]!));
        var past = await (await caller.Client.GetAsync($"{Rules}?per_page=2&page=9")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(past["data"]!.AsArray());
        Assert.Equal(5, (int)past["meta"]!["total"]!);
        await (await caller.Client.GetAsync($"{Rules}?per_page=101")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

public sealed class RuleApiTestsOnSqlite(SqliteApiFixture api) : RuleApiTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RuleApiTestsOnPostgres(PostgresApiFixture api) : RuleApiTests(api), IClassFixture<PostgresApiFixture>;
