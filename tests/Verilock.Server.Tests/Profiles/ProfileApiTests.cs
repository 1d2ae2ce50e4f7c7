using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Profiles;

/// <summary>The profile API (spec §17): shapes, validation, scoping, deletion, idempotency, on both databases.</summary>
public abstract class ProfileApiTests(ApiFixture api) : ApiTests(api)
{
    private const string Profiles = "/api/v1/profiles";

    private static readonly string[] ProfileKeys =
    [
        "id", "livemode", "name", "steps", "liveness_mode", "liveness_threshold", "liveness_challenges", "document_types",
        "aml_threshold", "face_duplicate_check", "created_at", "updated_at",
    ];

    [Fact]
    public async Task Create_returns_the_profile_with_defaults_and_get_list_patch_delete_work()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var created = await caller.Client.PostJsonAsync(Profiles, """{"name":" Standard ","steps":["selfie","document","document"],"extra":1}""");
        var body = await created.ExpectAsync(HttpStatusCode.Created);
        var id = (string)body["id"]!;
        Assert.Matches("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.Equal($"{Profiles}/{id}", created.Headers.Location!.OriginalString);
        var expected = JsonNode.Parse($$"""
            {"id":"{{id}}","livemode":true,"name":"Standard","steps":["document","selfie"],"liveness_mode":"passive",
             "liveness_threshold":75,"liveness_challenges":["head_left","head_right","smile","blink"],
             "document_types":["passport","id_card","driving_license","residence_permit"],"aml_threshold":null,
             "face_duplicate_check":false,"created_at":"{{Api.NowText()}}","updated_at":"{{Api.NowText()}}"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Equal(ProfileKeys, body.Keys());

        var fetched = await (await caller.Client.GetAsync($"{Profiles}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(expected, fetched), fetched.ToJsonString());
        var listed = await (await caller.Client.GetAsync(Profiles)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"current_page":1,"last_page":1,"per_page":15,"total":1}"""), listed["meta"]));
        Assert.True(JsonNode.DeepEquals(expected, listed["data"]![0]), listed.ToJsonString());

        Api.Clock.Advance(TimeSpan.FromMinutes(1));
        var patched = await (await caller.Client.PatchAsync($"{Profiles}/{id}", Json(
            """{"liveness_mode":"active","steps":["document","selfie","liveness"],"liveness_threshold":90,"liveness_challenges":["blink","smile","blink"],"aml_threshold":0.9,"face_duplicate_check":true}""")))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Standard", (string?)patched["name"]);
        Assert.Equal(["document", "selfie", "liveness"], Strings(patched["steps"]));
        Assert.Equal("active", (string?)patched["liveness_mode"]);
        Assert.Equal(90, (int)patched["liveness_threshold"]!);
        Assert.Equal(["blink", "smile"], Strings(patched["liveness_challenges"]));
        Assert.Equal(0.9m, (decimal)patched["aml_threshold"]!);
        Assert.True((bool)patched["face_duplicate_check"]!);
        Assert.Equal(Api.NowText(), (string?)patched["updated_at"]);
        Assert.Equal((string?)body["created_at"], (string?)patched["created_at"]);

        var renamed = await (await caller.Client.PatchAsync($"{Profiles}/{id}", Json("""{"name":"Strict","aml_threshold":null}"""))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Strict", (string?)renamed["name"]);
        Assert.Null(renamed["aml_threshold"]);
        Assert.Equal("active", (string?)renamed["liveness_mode"]);
        var stored = await (await caller.Client.GetAsync($"{Profiles}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(renamed, stored), stored.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Profiles}/{id}")).StatusCode);
        await (await caller.Client.GetAsync($"{Profiles}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await caller.Client.PatchAsync($"{Profiles}/{id}", Json("""{"name":"Again"}"""))).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await caller.Client.DeleteAsync($"{Profiles}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        var empty = await (await caller.Client.GetAsync(Profiles)).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(empty["data"]!.AsArray());
        Assert.Equal(0, (int)empty["meta"]!["total"]!);
    }

    [Fact]
    public async Task Every_key_is_stored_as_given()
    {
        var caller = await Api.NewCallerAsync();
        var body = await (await caller.Client.PostJsonAsync(Profiles, """
            {"name":"Full","steps":["aml","liveness","selfie","face_match","document"],"liveness_mode":"active","liveness_threshold":0,
             "liveness_challenges":["smile"],"document_types":["passport","id_card"],"aml_threshold":0.5,"face_duplicate_check":true}
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.False((bool)body["livemode"]!);
        Assert.Equal(["document", "selfie", "face_match", "liveness", "aml"], Strings(body["steps"]));
        Assert.Equal(0, (int)body["liveness_threshold"]!);
        Assert.Equal(["smile"], Strings(body["liveness_challenges"]));
        Assert.Equal(["passport", "id_card"], Strings(body["document_types"]));
        Assert.Equal(0.5m, (decimal)body["aml_threshold"]!);
        Assert.True((bool)body["face_duplicate_check"]!);
    }

    [Theory]
    [InlineData("""{}""", "name,steps")]
    [InlineData("""{"name":"","steps":["document"]}""", "name")]
    [InlineData("""{"name":"   ","steps":["document"]}""", "name")]
    [InlineData("""{"name":7,"steps":["document"]}""", "name")]
    [InlineData("""{"steps":["document"]}""", "name")]
    [InlineData("""{"name":"P"}""", "steps")]
    [InlineData("""{"name":"P","steps":[]}""", "steps")]
    [InlineData("""{"name":"P","steps":["retina"]}""", "steps")]
    [InlineData("""{"name":"P","steps":"document"}""", "steps")]
    [InlineData("""{"name":"P","steps":["face_match"]}""", "steps")]
    [InlineData("""{"name":"P","steps":["selfie"],"liveness_threshold":101}""", "liveness_threshold")]
    [InlineData("""{"name":"P","steps":["selfie"],"liveness_threshold":-1}""", "liveness_threshold")]
    [InlineData("""{"name":"P","steps":["selfie"],"liveness_threshold":"high"}""", "liveness_threshold")]
    [InlineData("""{"name":"P","steps":["selfie"],"liveness_threshold":7.5}""", "liveness_threshold")]
    [InlineData("""{"name":"P","steps":["selfie"],"liveness_mode":"loud"}""", "liveness_mode")]
    [InlineData("""{"name":"P","steps":["selfie"],"liveness_challenges":["wink"]}""", "liveness_challenges")]
    [InlineData("""{"name":"P","steps":["document"],"document_types":["library_card"]}""", "document_types")]
    [InlineData("""{"name":"P","steps":["aml"],"aml_threshold":0.3}""", "aml_threshold")]
    [InlineData("""{"name":"P","steps":["aml"],"aml_threshold":1.01}""", "aml_threshold")]
    [InlineData("""{"name":"P","steps":["aml"],"aml_threshold":"0.8"}""", "aml_threshold")]
    [InlineData("""{"name":"P","steps":["document"],"face_duplicate_check":"yes"}""", "face_duplicate_check")]
    public async Task Invalid_profiles_are_422_on_their_fields_and_nothing_is_written(string json, string fields)
    {
        var caller = await Api.NewCallerAsync();
        var details = await (await caller.Client.PostJsonAsync(Profiles, json)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(fields.Split(','), details!.Keys().Order());
        Assert.All(details!.AsObject(), field => Assert.Contains(field.Key, (string)field.Value![0]!));
        Assert.Equal(0, await Api.WithDbAsync(db => db.Profiles.CountAsync(p => p.AccountId == caller.AccountId)));
    }

    [Fact]
    public async Task A_name_longer_than_100_characters_is_422()
    {
        var caller = await Api.NewCallerAsync();
        var details = await (await caller.Client.PostJsonAsync(Profiles, $$"""{"name":"{{new string('n', 101)}}","steps":["document"]}"""))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["The name must not be greater than 100 characters."], Strings(details!["name"]));
    }

    [Theory]
    [InlineData("""{"name":""}""", "name")]
    [InlineData("""{"steps":["liveness"]}""", "steps")]
    [InlineData("""{"liveness_threshold":500}""", "liveness_threshold")]
    [InlineData("""{"document_types":[]}""", "document_types")]
    public async Task An_invalid_patch_is_422_and_changes_nothing(string json, string field)
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateProfileAsync(caller.Client);
        var before = await (await caller.Client.GetAsync($"{Profiles}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Api.Clock.Advance(TimeSpan.FromSeconds(5));
        var details = await (await caller.Client.PatchAsync($"{Profiles}/{id}", Json(json))).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal([field], details!.Keys());
        var after = await (await caller.Client.GetAsync($"{Profiles}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(before, after), after.ToJsonString());
    }

    [Fact]
    public async Task Bodies_that_are_not_json_objects_are_refused_like_elsewhere()
    {
        var caller = await Api.NewCallerAsync();
        await (await caller.Client.PostJsonAsync(Profiles, "[1]")).ExpectErrorAsync(HttpStatusCode.BadRequest, "bad_request");
        await (await caller.Client.PostJsonAsync(Profiles, "{\"name\":")).ExpectErrorAsync(HttpStatusCode.BadRequest, "bad_request");
        var text = new StringContent("""{"name":"P","steps":["document"]}""", Encoding.UTF8, "text/plain");
        await (await caller.Client.PostAsync(Profiles, text)).ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task Profiles_of_another_account_or_mode_are_not_found()
    {
        var owner = await Api.NewCallerAsync();
        var id = await CreateProfileAsync(owner.Client);
        var stranger = await Api.NewCallerAsync();
        var ownLive = await Api.NewCallerAsync(live: true, accountName: owner.AccountName);
        foreach (var other in new[] { stranger.Client, ownLive.Client })
        {
            await (await other.GetAsync($"{Profiles}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await other.PatchAsync($"{Profiles}/{id}", Json("""{"name":"Mine"}"""))).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await other.DeleteAsync($"{Profiles}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
            Assert.Empty((await (await other.GetAsync(Profiles)).ExpectAsync(HttpStatusCode.OK))["data"]!.AsArray());
            var details = await (await other.PostJsonAsync(Sessions, $$"""{"profile_id":"{{id}}"}""")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
            Assert.Equal(["The selected profile_id is invalid."], Strings(details!["profile_id"]));
        }
        await (await owner.Client.GetAsync($"{Profiles}/not-a-uuid")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        var unchanged = await (await owner.Client.GetAsync($"{Profiles}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Standard", (string?)unchanged["name"]);
    }

    [Fact]
    public async Task The_list_pages_newest_first_and_filters_by_day()
    {
        var caller = await Api.NewCallerAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await CreateProfileAsync(caller.Client, $"P{i}"));
            Api.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var page = await (await caller.Client.GetAsync($"{Profiles}?per_page=2&page=1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([ids[2], ids[1]], page["data"]!.AsArray().Select(p => (string)p!["id"]!));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"current_page":1,"last_page":2,"per_page":2,"total":3}"""), page["meta"]));
        var second = await (await caller.Client.GetAsync($"{Profiles}?per_page=2&page=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([ids[0]], second["data"]!.AsArray().Select(p => (string)p!["id"]!));
        var past = await (await caller.Client.GetAsync($"{Profiles}?page=9")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(past["data"]!.AsArray());
        Assert.Equal(3, (int)past["meta"]!["total"]!);
        var today = Api.Clock.GetUtcNow().ToString("yyyy-MM-dd");
        var tomorrow = Api.Clock.GetUtcNow().AddDays(1).ToString("yyyy-MM-dd");
        Assert.Equal(3, (int)(await (await caller.Client.GetAsync($"{Profiles}?from={today}&to={today}")).ExpectAsync(HttpStatusCode.OK))["meta"]!["total"]!);
        Assert.Equal(0, (int)(await (await caller.Client.GetAsync($"{Profiles}?from={tomorrow}")).ExpectAsync(HttpStatusCode.OK))["meta"]!["total"]!);
        foreach (var bad in new[] { "per_page=101", "per_page=0", "page=0", "from=yesterday", $"from={tomorrow}&to={today}" })
            await (await caller.Client.GetAsync($"{Profiles}?{bad}")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
    }

    [Fact]
    public async Task A_profile_gives_sessions_its_settings_and_once_deleted_is_refused_while_existing_sessions_keep_their_copy()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateProfileAsync(caller.Client, "Strict", """["document","selfie","face_match"]""");
        var session = await (await caller.Client.PostJsonAsync(Sessions, $$"""{"profile_id":"{{id}}"}""")).ExpectAsync(HttpStatusCode.Created);
        var sessionId = (string)session["id"]!;
        Assert.Equal(id, (string?)session["profile_id"]);
        Assert.Equal(["document", "selfie", "face_match"], Strings(session["steps"]));

        await (await caller.Client.PatchAsync($"{Profiles}/{id}", Json("""{"steps":["document"]}"""))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Profiles}/{id}")).StatusCode);

        var details = await (await caller.Client.PostJsonAsync(Sessions, $$"""{"profile_id":"{{id}}"}""")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["profile_id"], details!.Keys());
        Assert.Equal([$"The profile {id} ('Strict') was deleted; new sessions cannot use it."], Strings(details!["profile_id"]));

        var existing = await (await caller.Client.GetAsync($"{Sessions}/{sessionId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, (string?)existing["profile_id"]);
        Assert.Equal(["document", "selfie", "face_match"], Strings(existing["steps"]));
        var settings = await Api.WithDbAsync(db => db.Sessions.Where(s => s.Id == sessionId).Select(s => s.Settings).SingleAsync());
        Assert.Equal(3, settings.Steps.Count);
    }

    [Fact]
    public async Task Sessions_take_face_duplicate_check_in_an_inline_profile()
    {
        var caller = await Api.NewCallerAsync();
        var session = await (await caller.Client.PostJsonAsync(Sessions, """{"profile":{"steps":["selfie"],"face_duplicate_check":true}}""")).ExpectAsync(HttpStatusCode.Created);
        var id = (string)session["id"]!;
        Assert.True(await Api.WithDbAsync(db => db.Sessions.Where(s => s.Id == id).Select(s => s.Settings.FaceDuplicateCheck).SingleAsync()));
        var details = await (await caller.Client.PostJsonAsync(Sessions, """{"profile":{"steps":["selfie"],"face_duplicate_check":1}}"""))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["profile.face_duplicate_check"], details!.Keys());
    }

    [Fact]
    public async Task A_repeated_create_with_the_same_idempotency_key_replays_and_writes_one_profile()
    {
        var caller = await Api.NewCallerAsync();
        const string request = """{"name":"Once","steps":["document"]}""";
        var first = await caller.Client.PostJsonAsync(Profiles, request, "profile-once");
        var firstBody = await first.ExpectAsync(HttpStatusCode.Created);
        Api.Clock.Advance(TimeSpan.FromSeconds(2));
        var repeat = await caller.Client.PostJsonAsync(Profiles, request, "profile-once");
        var repeatBody = await repeat.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.True(JsonNode.DeepEquals(firstBody, repeatBody));
        await (await caller.Client.PostJsonAsync(Profiles, """{"name":"Other","steps":["document"]}""", "profile-once"))
            .ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(1, await Api.WithDbAsync(db => db.Profiles.CountAsync(p => p.AccountId == caller.AccountId)));
    }

    [Fact]
    public async Task Duplicate_names_are_allowed_each_profile_is_known_by_its_id()
    {
        var caller = await Api.NewCallerAsync();
        var first = await CreateProfileAsync(caller.Client, "Same");
        var second = await CreateProfileAsync(caller.Client, "Same");
        Assert.NotEqual(first, second);
        Assert.Equal(2, (int)(await (await caller.Client.GetAsync(Profiles)).ExpectAsync(HttpStatusCode.OK))["meta"]!["total"]!);
    }

    [Fact]
    public async Task Profile_calls_are_rate_limited_like_every_api_call()
    {
        var caller = await Api.NewCallerAsync(rateLimitPerMinute: 2);
        var first = await caller.Client.GetAsync(Profiles);
        Assert.Equal("2", first.Headers.GetValues("X-RateLimit-Limit").Single());
        Assert.Equal("1", first.Headers.GetValues("X-RateLimit-Remaining").Single());
        await (await caller.Client.PostJsonAsync(Profiles, """{"name":"P","steps":["document"]}""")).ExpectAsync(HttpStatusCode.Created);
        var details = await (await caller.Client.GetAsync(Profiles)).ExpectErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.True((int)details!["retry_after"]! >= 1);
    }

    private static async Task<string> CreateProfileAsync(HttpClient client, string name = "Standard", string steps = """["document","selfie"]""")
    {
        var body = await (await client.PostJsonAsync(Profiles, $$"""{"name":"{{name}}","steps":{{steps}}}""")).ExpectAsync(HttpStatusCode.Created);
        return (string)body["id"]!;
    }

    private static string[] Strings(JsonNode? array) => array!.AsArray().Select(n => (string)n!).ToArray();

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

public sealed class ProfileApiTestsOnSqlite(SqliteApiFixture api) : ProfileApiTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ProfileApiTestsOnPostgres(PostgresApiFixture api) : ProfileApiTests(api), IClassFixture<PostgresApiFixture>;
