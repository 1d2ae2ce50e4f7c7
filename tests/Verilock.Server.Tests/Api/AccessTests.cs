using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Domain.Accounts;
using Verilock.Server.Auth;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Api;

/// <summary>Keys, rate limits, idempotency, request ids and the operational endpoints.</summary>
public abstract partial class AccessTests(ApiFixture api) : ApiTests(api)
{
    [Fact]
    public async Task Missing_unknown_and_malformed_keys_are_401_with_the_spec_body()
    {
        const string expected = """{"error":"authentication_error","message":"Invalid or missing API key.","details":null}""";
        Assert.Equal(expected, (await (await Api.Anonymous.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.Unauthorized)).ToJsonString());
        foreach (var key in new[] { "qi_test_0000000000000000000000000000000000000000000000", "nonsense", "Bearer" })
            Assert.Equal(expected, (await (await Api.ClientWithKey(key).GetAsync(Sessions)).ExpectAsync(HttpStatusCode.Unauthorized)).ToJsonString());
        var response = await Api.Anonymous.PostJsonAsync(Sessions, """{"steps":["document"]}""");
        await response.ExpectErrorAsync(HttpStatusCode.Unauthorized, "authentication_error");
        Assert.False(response.Headers.Contains("X-RateLimit-Limit"));
    }

    [Fact]
    public async Task Keys_are_stored_hashed_with_a_display_prefix()
    {
        var caller = await Api.NewCallerAsync(live: true);
        Assert.Matches(LiveKey(), caller.Key);
        var stored = await Api.WithDbAsync(db => Task.FromResult(db.ApiKeys.Single(k => k.AccountId == caller.AccountId)));
        Assert.Equal(caller.Key[..16], stored.Prefix);
        Assert.Equal(ApiKey.HashOf(caller.Key), stored.Hash);
        Assert.DoesNotContain(caller.Key[16..], stored.Hash + stored.Prefix);
    }

    [Fact]
    public async Task Authorization_bearer_wins_over_x_api_key()
    {
        var first = await Api.NewCallerAsync();
        var second = await Api.NewCallerAsync();
        await CreateAsync(first.Client);
        var request = new HttpRequestMessage(HttpMethod.Get, Sessions);
        request.Headers.Add("X-API-Key", first.Key);
        request.Headers.Authorization = new("Bearer", second.Key);
        var body = await (await Api.Anonymous.SendAsync(request)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, (int)body["meta"]!["total"]!);

        var bearerOnly = new HttpRequestMessage(HttpMethod.Get, Sessions);
        bearerOnly.Headers.Authorization = new("Bearer", first.Key);
        Assert.Equal(1, (int)(await (await Api.Anonymous.SendAsync(bearerOnly)).ExpectAsync(HttpStatusCode.OK))["meta"]!["total"]!);
    }

    [Fact]
    public async Task A_revoked_key_stops_working_within_the_cache_lifetime()
    {
        var caller = await Api.NewCallerAsync();
        await (await caller.Client.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
        await Api.WithDbAsync(db => new Accounts.AccountAdministration(db, Api.Clock).RevokeKeyAsync(caller.Key[..16], null, CancellationToken.None));
        Api.Clock.Advance(ApiKeyDirectory.CacheLifetime + TimeSpan.FromSeconds(1));
        await (await caller.Client.GetAsync(Sessions)).ExpectErrorAsync(HttpStatusCode.Unauthorized, "authentication_error");
    }

    [Fact]
    public async Task A_flood_of_random_keys_does_not_push_a_real_key_out_of_the_cache()
    {
        var caller = await Api.NewCallerAsync();
        await (await caller.Client.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
        var directory = Api.Services.GetRequiredService<ApiKeyDirectory>();
        for (var i = 0; i < 10_000; i++)
        {
            var random = "qi_test_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
            Assert.Null(await directory.FindAsync(random, CancellationToken.None));
        }

        // Revoked behind the cache's back (as the CLI does, from another process): the key still works, so it was
        // answered from the cache rather than the database, until the cache lifetime ends.
        var now = Api.Clock.GetUtcNow().UtcDateTime;
        await Api.WithDbAsync(db => db.ApiKeys.Where(k => k.Hash == Domain.Accounts.ApiKey.HashOf(caller.Key))
            .ExecuteUpdateAsync(k => k.SetProperty(x => x.RevokedAt, now)));
        await (await caller.Client.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
        Api.Clock.Advance(ApiKeyDirectory.CacheLifetime + TimeSpan.FromSeconds(1));
        await (await caller.Client.GetAsync(Sessions)).ExpectErrorAsync(HttpStatusCode.Unauthorized, "authentication_error");
    }

    [Fact]
    public async Task Key_prefixes_are_unique_and_revoking_by_prefix_needs_the_whole_prefix_and_respects_the_account()
    {
        var caller = await Api.NewCallerAsync();
        var other = await Api.NewCallerAsync();
        var prefix = caller.Key[..Domain.Accounts.ApiKey.PrefixLength];

        // A second key with the same display prefix is refused by the database itself.
        var duplicate = new Domain.Accounts.ApiKey
        {
            AccountId = other.AccountId, LiveMode = false, Prefix = prefix,
            Hash = Domain.Accounts.ApiKey.HashOf(prefix + "different"), CreatedAt = Api.Clock.GetUtcNow().UtcDateTime,
        };
        await Assert.ThrowsAsync<DbUpdateException>(() => Api.WithDbAsync(db =>
        {
            db.ApiKeys.Add(duplicate);
            return db.SaveChangesAsync();
        }));

        var outcomes = await Api.WithDbAsync(async db =>
        {
            var admin = new Accounts.AccountAdministration(db, Api.Clock);
            return new[]
            {
                await admin.RevokeKeyAsync(prefix[..12], null, CancellationToken.None),
                await admin.RevokeKeyAsync("qi_test_", null, CancellationToken.None),
                await admin.RevokeKeyAsync(prefix, other.AccountName, CancellationToken.None),
            };
        });
        Assert.Equal([Accounts.AccountAdministration.PrefixRevocation.NotAWholePrefix, Accounts.AccountAdministration.PrefixRevocation.NotAWholePrefix,
            Accounts.AccountAdministration.PrefixRevocation.NotFound], outcomes);
        await (await caller.Client.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
        Assert.Null((await Api.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Prefix == prefix))).RevokedAt);

        Assert.Equal(Accounts.AccountAdministration.PrefixRevocation.Revoked, await Api.WithDbAsync(db =>
            new Accounts.AccountAdministration(db, Api.Clock).RevokeKeyAsync(prefix, caller.AccountName, CancellationToken.None)));
        Assert.NotNull((await Api.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Prefix == prefix))).RevokedAt);
    }

    [Fact]
    public async Task An_unknown_key_is_not_remembered_as_unknown()
    {
        // Misses are not cached (a flood of random keys would push real ones out): a key tried before its row exists,
        // as when a CLI create races a deploy, works as soon as it does.
        var caller = await Api.NewCallerAsync();
        var secret = "qi_test_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        using var client = Api.ClientWithKey(secret);
        await (await client.GetAsync(Sessions)).ExpectErrorAsync(HttpStatusCode.Unauthorized, "authentication_error");
        await Api.WithDbAsync(db =>
        {
            db.ApiKeys.Add(new Domain.Accounts.ApiKey
            {
                AccountId = caller.AccountId, LiveMode = false, Prefix = secret[..Domain.Accounts.ApiKey.PrefixLength],
                Hash = Domain.Accounts.ApiKey.HashOf(secret), CreatedAt = Api.Clock.GetUtcNow().UtcDateTime,
            });
            return db.SaveChangesAsync();
        });
        await (await client.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_suspended_account_is_403()
    {
        var caller = await Api.NewCallerAsync();
        await Api.WithDbAsync(async db =>
        {
            var account = db.Accounts.Single(a => a.Id == caller.AccountId);
            account.Status = AccountStatus.Suspended;
            return await db.SaveChangesAsync();
        });
        Api.Clock.Advance(ApiKeyDirectory.CacheLifetime + TimeSpan.FromSeconds(1));
        await (await caller.Client.GetAsync(Sessions)).ExpectErrorAsync(HttpStatusCode.Forbidden, "forbidden");
    }

    [Fact]
    public async Task Last_use_of_a_key_is_recorded()
    {
        var caller = await Api.NewCallerAsync();
        await (await caller.Client.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
        var lastUsed = await Api.WithDbAsync(db => Task.FromResult(db.ApiKeys.Single(k => k.AccountId == caller.AccountId).LastUsedAt));
        Assert.Equal(Api.Clock.GetUtcNow().UtcDateTime, lastUsed!.Value, TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task Per_key_rate_limit_counts_down_then_429_with_retry_after()
    {
        var caller = await Api.NewCallerAsync(rateLimitPerMinute: 3);
        for (var remaining = 2; remaining >= 0; remaining--)
        {
            var ok = await caller.Client.GetAsync(Sessions);
            await ok.ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("3", ok.Headers.GetValues("X-RateLimit-Limit").Single());
            Assert.Equal(remaining.ToString(), ok.Headers.GetValues("X-RateLimit-Remaining").Single());
        }
        var limited = await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"]}""");
        var details = await limited.ExpectErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        var retryAfter = int.Parse(limited.Headers.GetValues("Retry-After").Single());
        Assert.InRange(retryAfter, 1, 60);
        Assert.Equal(retryAfter, (int)details!["retry_after"]!);
        Assert.Equal("0", limited.Headers.GetValues("X-RateLimit-Remaining").Single());
        Assert.Equal(0, await Api.WithDbAsync(db => Task.FromResult(db.Sessions.Count(s => s.AccountId == caller.AccountId))));

        var other = await Api.NewCallerAsync(rateLimitPerMinute: 3);
        await (await other.Client.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Idempotent_replay_returns_the_stored_response_and_creates_once()
    {
        var caller = await Api.NewCallerAsync();
        var first = await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"],"reference_id":"idem-1"}""", "key-123");
        var firstBody = await first.ExpectAsync(HttpStatusCode.Created);
        var replay = await caller.Client.PostJsonAsync(Sessions, """{ "reference_id" : "idem-1", "steps" : ["document"] }""", "key-123");
        var replayBody = await replay.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(firstBody.ToJsonString(), replayBody.ToJsonString());
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.False(first.Headers.Contains("Idempotent-Replayed"));
        Assert.Equal(first.Headers.Location, replay.Headers.Location);
        Assert.Equal(1, await Api.WithDbAsync(db => Task.FromResult(db.Sessions.Count(s => s.AccountId == caller.AccountId))));

        await (await caller.Client.PostJsonAsync(Sessions, """{"steps":["selfie"]}""", "key-123")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");

        // Keys are scoped to the account: another account's identical key is independent.
        var other = await Api.NewCallerAsync();
        await (await other.Client.PostJsonAsync(Sessions, """{"steps":["document"],"reference_id":"idem-1"}""", "key-123")).ExpectAsync(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Validation_errors_are_replayed_but_401s_are_not_stored()
    {
        var caller = await Api.NewCallerAsync();
        await (await caller.Client.PostJsonAsync(Sessions, """{"steps":[]}""", "bad-1")).ExpectAsync(HttpStatusCode.UnprocessableEntity);
        var replay = await caller.Client.PostJsonAsync(Sessions, """{"steps":[]}""", "bad-1");
        await replay.ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());

        await (await Api.Anonymous.PostJsonAsync(Sessions, """{"steps":["document"]}""", "anon-1")).ExpectAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(0, await Api.WithDbAsync(db => Task.FromResult(db.IdempotencyRecords.Count(r => r.Key == "anon-1"))));
    }

    [Fact]
    public async Task A_key_claimed_by_a_request_whose_instance_died_is_retried_after_two_minutes()
    {
        // What a SIGKILL mid-request leaves: the claim, never its outcome.
        var caller = await Api.NewCallerAsync();
        await Api.WithDbAsync(async db =>
        {
            db.IdempotencyRecords.Add(new Infrastructure.Persistence.Records.IdempotencyRecord
            {
                AccountId = caller.AccountId, LiveMode = false, Key = "killed-1", Fingerprint = "of the dead request",
                CreatedAt = Domain.Common.Clock.ToMicroseconds(Api.Clock.GetUtcNow().UtcDateTime),
            });
            return await db.SaveChangesAsync();
        });
        const string body = """{"steps":["document"],"reference_id":"retried"}""";
        Api.Clock.Advance(TimeSpan.FromSeconds(119));
        await (await caller.Client.PostJsonAsync(Sessions, body, "killed-1")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");

        Api.Clock.Advance(TimeSpan.FromSeconds(2));
        var created = await (await caller.Client.PostJsonAsync(Sessions, body, "killed-1")).ExpectAsync(HttpStatusCode.Created);
        var replay = await caller.Client.PostJsonAsync(Sessions, body, "killed-1");
        Assert.Equal((string?)created["id"], (string?)(await replay.ExpectAsync(HttpStatusCode.Created))["id"]);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());

        // A finished request's record is not "abandoned": two minutes later it still replays.
        Api.Clock.Advance(TimeSpan.FromMinutes(3));
        var later = await caller.Client.PostJsonAsync(Sessions, body, "killed-1");
        Assert.Equal((string?)created["id"], (string?)(await later.ExpectAsync(HttpStatusCode.Created))["id"]);
        Assert.Equal(1, await Api.WithDbAsync(db => Task.FromResult(db.Sessions.Count(s => s.AccountId == caller.AccountId))));
    }

    [Fact]
    public async Task An_idempotency_key_can_be_reused_after_24_hours()
    {
        var caller = await Api.NewCallerAsync();
        var first = await (await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"]}""", "daily")).ExpectAsync(HttpStatusCode.Created);
        Api.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        var second = await caller.Client.PostJsonAsync(Sessions, """{"steps":["selfie"]}""", "daily");
        var body = await second.ExpectAsync(HttpStatusCode.Created);
        Assert.NotEqual((string?)first["id"], (string?)body["id"]);
        Assert.False(second.Headers.Contains("Idempotent-Replayed"));
    }

    [Theory]
    [InlineData("caf\u00e9")]
    [InlineData("tab\there")]
    public async Task A_non_printable_ascii_idempotency_key_is_422(string key)
    {
        var caller = await Api.NewCallerAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, Sessions) { Content = new StringContent("""{"steps":["document"]}""", System.Text.Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        await (await caller.Client.SendAsync(request)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
    }

    [Fact]
    public async Task Every_response_carries_a_request_id()
    {
        var echoed = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        echoed.Headers.Add("X-Request-Id", "client-req.42_A");
        Assert.Equal("client-req.42_A", (await Api.Anonymous.SendAsync(echoed)).Headers.GetValues("X-Request-Id").Single());

        var invalid = new HttpRequestMessage(HttpMethod.Get, Sessions);
        invalid.Headers.Add("X-Request-Id", "has spaces and / slashes");
        var response = await Api.Anonymous.SendAsync(invalid);
        Assert.Matches(GeneratedRequestId(), response.Headers.GetValues("X-Request-Id").Single());
        Assert.Matches(GeneratedRequestId(), (await Api.Anonymous.GetAsync("/nowhere")).Headers.GetValues("X-Request-Id").Single());
    }

    [Fact]
    public async Task Unknown_routes_and_methods_are_404_json()
    {
        var caller = await Api.NewCallerAsync();
        await (await caller.Client.GetAsync("/api/v1/nothing-here")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await caller.Client.DeleteAsync("/api/v1/sessions")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await Api.Anonymous.PutAsync("/healthz", null)).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Health_readiness_openapi_and_metrics_answer_without_a_key()
    {
        Assert.Equal($$"""{"status":"ok","version":"{{Hosting.VerilockVersion.Current}}"}""", (await (await Api.Anonymous.GetAsync("/healthz")).ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        Assert.Equal("""{"status":"ready","checks":{"database":"ok","models":"ok","aml_lists":"ok"}}""", (await (await Api.Anonymous.GetAsync("/readyz")).ExpectAsync(HttpStatusCode.OK)).ToJsonString());

        var openApi = await (await Api.Anonymous.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);
        Assert.StartsWith("3.", (string?)openApi["openapi"]);
        var paths = openApi["paths"]!.Keys();
        Assert.Contains("/api/v1/sessions", paths);
        Assert.Contains("/api/v1/sessions/{id}", paths);
        Assert.Contains("/api/v1/sessions/{id}/decision", paths);
        Assert.DoesNotContain("/healthz", paths);
        Assert.NotNull(openApi["paths"]!["/api/v1/sessions"]!["post"]!["requestBody"]);

        var caller = await Api.NewCallerAsync();
        await CreateAsync(caller.Client);
        var metrics = await Api.Anonymous.GetStringAsync("/metrics");
        Assert.Contains("http_requests_received_total", metrics);
        Assert.DoesNotContain(caller.Key, metrics);
    }

    [GeneratedRegex("^qi_live_[0-9a-f]{48}$")]
    private static partial Regex LiveKey();

    [GeneratedRegex("^req_[0-9a-f]{32}$")]
    private static partial Regex GeneratedRequestId();
}

public sealed class AccessTestsOnSqlite(SqliteApiFixture api) : AccessTests(api), IClassFixture<SqliteApiFixture>;

public sealed class AccessTestsOnPostgres(PostgresApiFixture api) : AccessTests(api), IClassFixture<PostgresApiFixture>;
