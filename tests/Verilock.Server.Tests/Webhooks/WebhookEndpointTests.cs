using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Webhooks;

/// <summary>The endpoint API, its validation and scoping, and SSRF protection, with production settings (no insecure targets).</summary>
public abstract class WebhookEndpointTests(ApiFixture api) : WebhookTestsBase(api)
{
    private static readonly string[] EndpointKeys =
        ["id", "livemode", "url", "events", "description", "status", "disabled_reason", "failing_since", "created_at", "updated_at"];

    [Fact]
    public async Task Create_shows_the_secret_once_and_get_list_patch_delete_work()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var created = await caller.Client.PostJsonAsync(Endpoints,
            """{"url":"https://hooks.example.com/verilock","events":["session.completed","session.completed","session.expired"],"description":"CRM","extra":1}""");
        var body = await created.ExpectAsync(HttpStatusCode.Created);
        Assert.Equal([.. EndpointKeys, "secret"], body.Keys());
        var id = (string)body["id"]!;
        Assert.Matches("^whe_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.Equal($"{Endpoints}/{id}", created.Headers.Location!.OriginalString);
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", (string)body["secret"]!);
        Assert.True((bool)body["livemode"]!);
        Assert.Equal(["session.completed", "session.expired"], body["events"]!.AsArray().Select(e => (string)e!));
        Assert.Equal("CRM", (string?)body["description"]);
        Assert.Equal("enabled", (string?)body["status"]);
        Assert.Null(body["disabled_reason"]);
        Assert.Null(body["failing_since"]);
        Assert.Equal(Api.NowText(), (string?)body["created_at"]);

        var fetched = await (await caller.Client.GetAsync($"{Endpoints}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(EndpointKeys, fetched.Keys());
        var listed = await (await caller.Client.GetAsync(Endpoints)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)listed["meta"]!["total"]!);
        Assert.Equal(EndpointKeys, listed["data"]![0]!.Keys());
        Assert.DoesNotContain((string)body["secret"]!, listed.ToJsonString());

        Api.Clock.Advance(TimeSpan.FromMinutes(1));
        var patched = await (await caller.Client.PatchAsync($"{Endpoints}/{id}",
            Json("""{"url":"https://hooks.example.com/v2","events":["*"],"description":"CRM v2","status":"disabled"}"""))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("https://hooks.example.com/v2", (string?)patched["url"]);
        Assert.Equal(["*"], patched["events"]!.AsArray().Select(e => (string)e!));
        Assert.Equal("disabled", (string?)patched["status"]);
        Assert.Equal(Api.NowText(), (string?)patched["updated_at"]);
        Assert.Equal((string?)body["created_at"], (string?)patched["created_at"]);
        var unchanged = await (await caller.Client.PatchAsync($"{Endpoints}/{id}", Json("{}"))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("CRM v2", (string?)unchanged["description"]);

        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Endpoints}/{id}")).StatusCode);
        await (await caller.Client.GetAsync($"{Endpoints}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await caller.Client.DeleteAsync($"{Endpoints}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_list_pages_newest_first()
    {
        var caller = await Api.NewCallerAsync();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await CreateEndpointAsync(caller.Client, $"https://hooks.example.com/{i}")).Id);
            Api.Clock.Advance(TimeSpan.FromSeconds(1));
        }
        var page = await (await caller.Client.GetAsync($"{Endpoints}?per_page=2&page=1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([ids[2], ids[1]], page["data"]!.AsArray().Select(e => (string)e!["id"]!));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"current_page":1,"last_page":2,"per_page":2,"total":3}"""), page["meta"]));
        var past = await (await caller.Client.GetAsync($"{Endpoints}?page=9")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(past["data"]!.AsArray());
        await (await caller.Client.GetAsync($"{Endpoints}?per_page=101")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
    }

    [Theory]
    [InlineData("""{}""", "events,url")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":[]}""", "events")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":["session.nope"]}""", "events")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":"session.created"}""", "events")]
    [InlineData("""{"url":"ftp://hooks.example.com/x","events":["*"]}""", "url")]
    [InlineData("""{"url":"not a url","events":["*"]}""", "url")]
    [InlineData("""{"url":42,"events":["*"]}""", "url")]
    [InlineData("""{"url":"https://hooks.example.com/x","events":["*"],"description":7}""", "description")]
    public async Task Invalid_endpoints_are_422_on_their_fields(string json, string fields)
    {
        var caller = await Api.NewCallerAsync();
        var details = await (await caller.Client.PostJsonAsync(Endpoints, json)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(fields.Split(','), details!.Keys().Order());
    }

    [Fact]
    public async Task A_url_longer_than_2048_characters_is_422()
    {
        var caller = await Api.NewCallerAsync();
        var url = "https://hooks.example.com/" + new string('a', 2048);
        var details = await (await caller.Client.PostJsonAsync(Endpoints, $$"""{"url":"{{url}}","events":["*"]}""")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["url"], details!.Keys());
    }

    [Theory]
    [InlineData("http://hooks.example.com/x")]
    [InlineData("https://127.0.0.1/x")]
    [InlineData("https://127.8.9.10:8443/x")]
    [InlineData("https://10.1.2.3/x")]
    [InlineData("https://172.16.0.1/x")]
    [InlineData("https://192.168.1.20/x")]
    [InlineData("https://169.254.169.254/latest/meta-data")]
    [InlineData("https://100.64.0.1/x")]
    [InlineData("https://0.0.0.0/x")]
    [InlineData("https://[::1]/x")]
    [InlineData("https://[fe80::1]/x")]
    [InlineData("https://[fd00::1]/x")]
    [InlineData("https://[::ffff:10.0.0.1]/x")]
    [InlineData("https://localhost/x")]
    [InlineData("https://api.localhost/x")]
    public async Task Live_mode_rejects_plain_http_and_non_public_targets(string url)
    {
        var caller = await Api.NewCallerAsync(live: true);
        var details = await (await caller.Client.PostJsonAsync(Endpoints, $$"""{"url":"{{url}}","events":["*"]}""")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["url"], details!.Keys());
        var existing = await CreateEndpointAsync(caller.Client, "https://hooks.example.com/ok");
        await (await caller.Client.PatchAsync($"{Endpoints}/{existing.Id}", Json($$"""{"url":"{{url}}"}"""))).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
    }

    [Fact]
    public async Task Test_mode_accepts_http_and_private_urls_at_registration()
    {
        var caller = await Api.NewCallerAsync();
        await CreateEndpointAsync(caller.Client, "http://hooks.example.com/x");
        await CreateEndpointAsync(caller.Client, "http://127.0.0.1:9/x");
    }

    [Fact]
    public async Task Another_account_or_mode_gets_404_for_every_endpoint_operation()
    {
        var owner = await Api.NewCallerAsync();
        var (id, _) = await CreateEndpointAsync(owner.Client, "https://hooks.example.com/x");
        var stranger = await Api.NewCallerAsync();
        var ownerLive = await Api.NewCallerAsync(live: true, accountName: owner.AccountName);
        foreach (var other in new[] { stranger.Client, ownerLive.Client })
        {
            await (await other.GetAsync($"{Endpoints}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await other.PatchAsync($"{Endpoints}/{id}", Json("""{"status":"disabled"}"""))).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await other.DeleteAsync($"{Endpoints}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
            await (await other.PostJsonAsync($"{Endpoints}/{id}/rotate-secret", "")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
            Assert.Equal(0, (int)(await (await other.GetAsync(Endpoints)).ExpectAsync(HttpStatusCode.OK))["meta"]!["total"]!);
        }
        var still = await (await owner.Client.GetAsync($"{Endpoints}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("enabled", (string?)still["status"]);
        await (await owner.Client.PatchAsync($"{Endpoints}/{id}", Json("""{"status":"paused"}"""))).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        await (await Api.Anonymous.GetAsync(Endpoints)).ExpectErrorAsync(HttpStatusCode.Unauthorized, "authentication_error");
    }

    [Fact]
    public async Task Deliveries_to_loopback_are_refused_at_delivery_time_whatever_the_url_says()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var caller = await Api.NewCallerAsync();
        // Test mode may register these (spec), but without AllowInsecureTargets nothing is sent to them.
        var (literal, _) = await CreateEndpointAsync(caller.Client, receiver.Url("/literal"), """["session.created"]""");
        var port = new Uri(receiver.BaseUrl).Port;
        var (named, _) = await CreateEndpointAsync(caller.Client, $"http://localhost:{port}/named", """["session.created"]""");
        var live = await Api.NewCallerAsync(live: true);
        var liveSession = await CreateAsync(live.Client, $$"""{"steps":["document"],"webhook_url":"https://127.0.0.1:{{port}}/session"}""");
        await CreateAsync(caller.Client);

        foreach (var endpointId in new[] { literal, named })
        {
            var logged = await WaitForDeliveryAsync(caller.Client, $"endpoint_id={endpointId}", d => d["last_error"] is not null, "a refused attempt");
            Assert.Equal("connection_error", (string?)logged["last_error"]);
            Assert.Null(logged["last_response_status"]);
        }
        var sessionLog = await WaitForDeliveryAsync(live.Client, $"session_id={liveSession}", d => d["last_error"] is not null, "a refused session URL");
        Assert.Equal("connection_error", (string?)sessionLog["last_error"]);
        Assert.Empty(receiver.Received);
    }

    [Fact]
    public async Task Secrets_are_not_kept_for_idempotent_replay_a_repeat_gets_409_and_nothing_stored_holds_them()
    {
        var caller = await Api.NewCallerAsync(live: true);
        const string request = """{"url":"https://hooks.example.com/once","events":["*"]}""";
        var first = await (await caller.Client.PostJsonAsync(Endpoints, request, "create-once")).ExpectAsync(HttpStatusCode.Created);
        var id = (string)first["id"]!;
        var rotated = await (await caller.Client.PostJsonAsync($"{Endpoints}/{id}/rotate-secret", "{}", "rotate-once")).ExpectAsync(HttpStatusCode.OK);
        var defaultSecret = await (await caller.Client.PostJsonAsync("/api/v1/webhooks/default-secret/rotate", "{}", "default-once"))
            .ExpectAsync(HttpStatusCode.OK);

        var repeat = await caller.Client.PostJsonAsync(Endpoints, request, "create-once");
        var refusal = await repeat.ExpectAsync(HttpStatusCode.Conflict);
        Assert.Equal("conflict", (string?)refusal["error"]);
        Assert.Contains("shown only once", (string)refusal["message"]!);
        Assert.Null(refusal["details"]);
        Assert.Equal("true", repeat.Headers.GetValues("Idempotent-Replayed").Single());
        await (await caller.Client.PostJsonAsync($"{Endpoints}/{id}/rotate-secret", "{}", "rotate-once")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(1, (int)(await (await caller.Client.GetAsync(Endpoints)).ExpectAsync(HttpStatusCode.OK))["meta"]!["total"]!);

        var stored = await Api.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.AccountId == caller.AccountId).ToListAsync());
        Assert.Equal(3, stored.Count);
        foreach (var secret in new[] { (string)first["secret"]!, (string)rotated["secret"]!, (string)defaultSecret["secret"]! })
            Assert.All(stored, record => Assert.DoesNotContain(secret, Encoding.UTF8.GetString(record.ResponseBody!)));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}

public sealed class WebhookEndpointTestsOnSqlite(SqliteStrictWebhookFixture api) : WebhookEndpointTests(api), IClassFixture<SqliteStrictWebhookFixture>;

public sealed class WebhookEndpointTestsOnPostgres(PostgresStrictWebhookFixture api) : WebhookEndpointTests(api), IClassFixture<PostgresStrictWebhookFixture>;
