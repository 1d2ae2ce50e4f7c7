using System.Net;
using System.Text.Json.Nodes;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Webhooks;

/// <summary>Delivery to a real receiver on 127.0.0.1 (allowed by <c>AllowInsecureTargets</c>), with the fixture's fake clock.</summary>
public abstract class WebhookDeliveryTests(ApiFixture api) : WebhookTestsBase(api)
{
    private static readonly string[] S = ["session_id", "status", "decision", "risk_score", "risk_level", "reference_id", "external_id", "livemode"];

    private long NowUnix => Api.Clock.GetUtcNow().ToUnixTimeSeconds();

    [Fact]
    public async Task A_delivery_is_a_signed_envelope_with_the_spec_headers_and_is_logged()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var caller = await Api.NewCallerAsync();
        var (endpointId, secret) = await CreateEndpointAsync(caller.Client, receiver.Url(), """["session.created"]""");
        var sessionId = await CreateAsync(caller.Client, """{"steps":["document"],"reference_id":"usr_1"}""");

        var request = (await receiver.WaitForCountAsync("/hook", 1)).Single();
        Assert.Equal("application/json", request.Header("Content-Type"));
        Assert.Equal("session.created", request.Header("X-Verilock-Event"));
        Assert.Equal(1, request.Attempt);
        Assert.Equal(NowUnix.ToString(), request.Header("X-Verilock-Timestamp"));
        Assert.Matches("^[0-9a-f]{64}$", request.Header("X-Verilock-Signature"));
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", request.Header("X-Verilock-Signature-V2"));
        Assert.True(WebhookReceiver.Verifies(secret, request));
        Assert.True(WebhookReceiver.VerifiesV2(secret, request));
        Assert.False(WebhookReceiver.Verifies(secret + "x", request));
        Assert.False(WebhookReceiver.VerifiesV2(secret + "x", request));

        var envelope = request.Json;
        Assert.Equal(["event", "data", "timestamp", "webhook_id"], envelope.Keys());
        Assert.Equal("session.created", (string?)envelope["event"]);
        Assert.Equal(Api.NowText(), (string?)envelope["timestamp"]);
        Assert.Matches("^wh_evt_[0-9a-f]{12}$", request.WebhookId);
        var data = envelope["data"]!;
        Assert.Equal([.. S, "steps", "expires_at", "created_at"], data.Keys());
        Assert.Equal(sessionId, (string?)data["session_id"]);
        Assert.Equal("usr_1", (string?)data["external_id"]);
        Assert.False((bool)data["livemode"]!);

        var logged = await WaitForDeliveryAsync(caller.Client, $"endpoint_id={endpointId}", d => (string?)d["status"] == "succeeded", "success in the log");
        Assert.Equal(["webhook_id", "endpoint_id", "url", "event", "status", "attempts", "last_attempt_at", "last_response_status",
            "last_error", "next_attempt_at", "created_at", "payload"], logged.Keys());
        Assert.Equal(request.WebhookId, (string?)logged["webhook_id"]);
        Assert.Equal(endpointId, (string?)logged["endpoint_id"]);
        Assert.Equal(receiver.Url(), (string?)logged["url"]);
        Assert.Equal("session.created", (string?)logged["event"]);
        Assert.Equal(1, (int)logged["attempts"]!);
        Assert.Equal(200, (int)logged["last_response_status"]!);
        Assert.Null(logged["last_error"]);
        Assert.Null(logged["next_attempt_at"]);
        Assert.Equal(Api.NowText(), (string?)logged["last_attempt_at"]);
        Assert.True(JsonNode.DeepEquals(envelope, logged["payload"]));
    }

    [Fact]
    public async Task Every_event_the_server_emits_reaches_a_wildcard_endpoint_with_its_data()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var caller = await Api.NewCallerAsync();
        await CreateEndpointAsync(caller.Client, receiver.Url());
        var approved = await CreateAsync(caller.Client, """{"steps":["document","selfie","face_match"]}""");
        var declined = await CreateAsync(caller.Client, """{"steps":["document","selfie","face_match"]}""");
        await Api.PutInReviewAsync(approved);
        await Api.PutInReviewAsync(declined);
        await (await caller.Client.PostJsonAsync($"{Sessions}/{approved}/decision", """{"decision":"approved"}""")).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.PostJsonAsync($"{Sessions}/{declined}/decision", """{"decision":"declined"}""")).ExpectAsync(HttpStatusCode.OK);
        await receiver.WaitForCountAsync("/hook", 10);
        var expiring = await CreateAsync(caller.Client, """{"steps":["document"],"expires_in":300}""");
        await receiver.WaitForCountAsync("/hook", 11);
        // Moving the clock past the claim lease before the successes are recorded would (rightly) send them again.
        await WaitForAllSucceededAsync(caller.Client, 11);
        Api.Clock.Advance(TimeSpan.FromSeconds(301));
        await (await caller.Client.GetAsync($"{Sessions}/{expiring}")).ExpectAsync(HttpStatusCode.OK);
        var received = await receiver.WaitForCountAsync("/hook", 12);

        string[] EventsOf(string id) => received.Where(r => (string?)r.Json["data"]!["session_id"] == id).Select(r => r.Event).Order().ToArray();
        Assert.Equal(new[] { "session.approved", "session.completed", "session.created", "session.processing", "session.review_required" }, EventsOf(approved));
        Assert.Equal(new[] { "session.completed", "session.created", "session.declined", "session.processing", "session.review_required" }, EventsOf(declined));
        Assert.Equal(new[] { "session.created", "session.expired" }, EventsOf(expiring));

        JsonNode Data(string id, string type) => received.Single(r => r.Event == type && (string?)r.Json["data"]!["session_id"] == id).Json["data"]!;
        Assert.Equal([.. S, "submitted_at"], Data(approved, "session.processing").Keys());
        Assert.Equal([.. S, "review_reasons"], Data(approved, "session.review_required").Keys());
        Assert.Equal(["face_match_inconclusive"], Data(approved, "session.review_required")["review_reasons"]!.AsArray().Select(n => (string)n!));
        foreach (var (id, type) in new[] { (approved, "session.completed"), (approved, "session.approved"), (declined, "session.completed"), (declined, "session.declined") })
        {
            var data = Data(id, type);
            Assert.Equal([.. S, "completed_at", "decided_by"], data.Keys());
            Assert.Equal(caller.Key[..16], (string?)data["decided_by"]);
        }
        Assert.Equal("approved", (string?)Data(approved, "session.approved")["status"]);
        Assert.Equal("declined", (string?)Data(declined, "session.declined")["decision"]);
        Assert.Equal([.. S, "expires_at"], Data(expiring, "session.expired").Keys());
        Assert.Equal("expired", (string?)Data(expiring, "session.expired")["status"]);
        Assert.All(received, r => Assert.Equal(r.Event, r.Header("X-Verilock-Event")));
        Assert.Equal(received.Count, received.Select(r => r.WebhookId).Distinct().Count());
    }

    [Fact]
    public async Task A_failing_endpoint_is_retried_on_the_spec_schedule_with_the_same_body_then_failed()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond("/fail", 500);
        var caller = await Api.NewCallerAsync();
        var (endpointId, _) = await CreateEndpointAsync(caller.Client, receiver.Url("/fail"), """["session.created"]""");
        var firstFailure = Api.NowText();
        await CreateAsync(caller.Client);
        await receiver.WaitForCountAsync("/fail", 1);

        TimeSpan[] delays = [TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
            TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromHours(24)];
        var query = $"endpoint_id={endpointId}";
        for (var attempt = 1; attempt <= delays.Length; attempt++)
        {
            var attemptedAt = Api.NowText();
            var logged = await WaitForDeliveryAsync(caller.Client, query,
                d => (int)d["attempts"]! == attempt && (string?)d["last_attempt_at"] == attemptedAt, $"attempt {attempt} recorded");
            Assert.Equal("pending", (string?)logged["status"]);
            Assert.Equal("http_500", (string?)logged["last_error"]);
            Assert.Equal(500, (int)logged["last_response_status"]!);
            Assert.Equal(Api.NowText(delays[attempt - 1]), (string?)logged["next_attempt_at"]);

            Api.Clock.Advance(delays[attempt - 1] - TimeSpan.FromSeconds(1));
            await Task.Delay(150);
            Assert.Equal(attempt, receiver.At("/fail").Count);
            Api.Clock.Advance(TimeSpan.FromSeconds(1));
            await receiver.WaitForCountAsync("/fail", attempt + 1);
        }

        var last = await WaitForDeliveryAsync(caller.Client, query, d => (string?)d["status"] == "failed", "the delivery to fail");
        Assert.Equal(9, (int)last["attempts"]!);
        Assert.Null(last["next_attempt_at"]);
        var attempts = receiver.At("/fail");
        Assert.Equal(Enumerable.Range(1, 9), attempts.Select(r => r.Attempt));
        Assert.All(attempts, r => Assert.Equal(attempts[0].Body, r.Body));
        Assert.Single(attempts.Select(r => r.WebhookId).Distinct());
        Api.Clock.Advance(TimeSpan.FromDays(2));
        await Task.Delay(150);
        Assert.Equal(9, receiver.At("/fail").Count);

        // 1.9 days of retries is not yet the 3 days that disable an endpoint.
        var endpoint = await (await caller.Client.GetAsync($"{Endpoints}/{endpointId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("enabled", (string?)endpoint["status"]);
        Assert.Equal(firstFailure, (string?)endpoint["failing_since"]);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_within_10_seconds_is_a_timeout_and_retried()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Hang("/slow");
        var caller = await Api.NewCallerAsync();
        var (endpointId, _) = await CreateEndpointAsync(caller.Client, receiver.Url("/slow"), """["session.created"]""");
        var firstAttempt = Api.NowText();
        await CreateAsync(caller.Client);
        await receiver.WaitForCountAsync("/slow", 1);
        Api.Clock.Advance(TimeSpan.FromSeconds(9));
        await Task.Delay(150);
        var pending = (await DeliveriesAsync(caller.Client, $"endpoint_id={endpointId}"))["data"]![0]!;
        Assert.Null(pending["last_error"]);

        Api.Clock.Advance(TimeSpan.FromSeconds(1));
        var logged = await WaitForDeliveryAsync(caller.Client, $"endpoint_id={endpointId}", d => (string?)d["last_error"] == "timeout", "a timeout");
        Assert.Equal(firstAttempt, (string?)logged["last_attempt_at"]);
        Assert.Null(logged["last_response_status"]);
        Assert.Equal("pending", (string?)logged["status"]);
        Api.Clock.Advance(TimeSpan.FromSeconds(10));
        var second = (await receiver.WaitForCountAsync("/slow", 2))[1];
        Assert.Equal(2, second.Attempt);
    }

    [Fact]
    public async Task Connection_refused_and_redirects_are_failures_with_their_codes()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond("/moved", 302);
        var caller = await Api.NewCallerAsync();
        var (refused, _) = await CreateEndpointAsync(caller.Client, $"http://127.0.0.1:{FreePort()}/hook", """["session.created"]""");
        var (moved, _) = await CreateEndpointAsync(caller.Client, receiver.Url("/moved"), """["session.created"]""");
        await CreateAsync(caller.Client);

        var refusedLog = await WaitForDeliveryAsync(caller.Client, $"endpoint_id={refused}", d => d["last_error"] is not null, "connection error");
        Assert.Equal("connection_error", (string?)refusedLog["last_error"]);
        Assert.Null(refusedLog["last_response_status"]);
        var movedLog = await WaitForDeliveryAsync(caller.Client, $"endpoint_id={moved}", d => d["last_error"] is not null, "redirect");
        Assert.Equal("redirect", (string?)movedLog["last_error"]);
        Assert.Equal(302, (int)movedLog["last_response_status"]!);
        Assert.Single(receiver.At("/moved"));

        var retryAt = Api.NowText(TimeSpan.FromSeconds(10));
        Assert.Equal(retryAt, (string?)refusedLog["next_attempt_at"]);
        Api.Clock.Advance(TimeSpan.FromSeconds(10));
        await WaitForDeliveryAsync(caller.Client, $"endpoint_id={refused}", d => (int)d["attempts"]! == 2 && d["next_attempt_at"]?.ToString() != retryAt,
            "second attempt after connection refused");
        await receiver.WaitForCountAsync("/moved", 2);
    }

    [Fact]
    public async Task An_endpoint_failing_for_three_days_is_disabled_its_retries_failed_and_other_endpoints_told()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond("/down", 503);
        var caller = await Api.NewCallerAsync();
        var (down, _) = await CreateEndpointAsync(caller.Client, receiver.Url("/down"), """["session.created"]""");
        await CreateEndpointAsync(caller.Client, receiver.Url("/watch"), """["webhook_endpoint.disabled"]""");
        var failingSince = Api.NowText();

        // A new failing event every 6 hours keeps the endpoint failing (retries of earlier ones fail too).
        for (var step = 0; step < 12; step++)
        {
            if (step > 0)
                Api.Clock.Advance(TimeSpan.FromHours(6));
            var attemptedAt = Api.NowText();
            var session = await CreateAsync(caller.Client);
            await WaitForDeliveryAsync(caller.Client, $"session_id={session}&endpoint_id={down}",
                d => (string?)d["last_attempt_at"] == attemptedAt, $"the failure at {step * 6} h");
            var endpoint = await (await caller.Client.GetAsync($"{Endpoints}/{down}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal("enabled", (string?)endpoint["status"]);
        }
        // At 72 h the first failure, of a retry or of a new event, disables it.
        Api.Clock.Advance(TimeSpan.FromHours(6));
        await CreateAsync(caller.Client);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((string?)(await (await caller.Client.GetAsync($"{Endpoints}/{down}")).ExpectAsync(HttpStatusCode.OK))["status"] != "disabled")
        {
            Assert.True(DateTime.UtcNow < deadline, "The endpoint was not disabled after failing for 3 days.");
            await Task.Delay(20);
        }

        var disabled = await (await caller.Client.GetAsync($"{Endpoints}/{down}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("failing_3_days", (string?)disabled["disabled_reason"]);
        Assert.Equal(failingSince, (string?)disabled["failing_since"]);
        var pendingDeadline = DateTime.UtcNow.AddSeconds(20);
        while ((int)(await DeliveriesAsync(caller.Client, $"endpoint_id={down}&status=pending"))["meta"]!["total"]! > 0)
        {
            Assert.True(DateTime.UtcNow < pendingDeadline, "Pending deliveries of the disabled endpoint were not failed.");
            await Task.Delay(20);
        }
        Assert.True((int)(await DeliveriesAsync(caller.Client, $"endpoint_id={down}&status=failed"))["meta"]!["total"]! > 0);

        var notice = (await receiver.WaitForCountAsync("/watch", 1)).Single();
        Assert.Equal("webhook_endpoint.disabled", notice.Event);
        var data = notice.Json["data"]!;
        Assert.Equal(["endpoint_id", "url", "failing_since", "disabled_at"], data.Keys());
        Assert.Equal(down, (string?)data["endpoint_id"]);
        Assert.Equal(receiver.Url("/down"), (string?)data["url"]);
        Assert.Equal(failingSince, (string?)data["failing_since"]);
        Assert.Equal(Api.NowText(), (string?)data["disabled_at"]);

        var before = receiver.At("/down").Count;
        await CreateAsync(caller.Client);
        Api.Clock.Advance(TimeSpan.FromDays(1));
        await Task.Delay(200);
        Assert.Equal(before, receiver.At("/down").Count);

        // Enabling again clears the failure state.
        var enabled = await (await caller.Client.PatchAsync($"{Endpoints}/{down}", JsonContent("""{"status":"enabled"}"""))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("enabled", (string?)enabled["status"]);
        Assert.Null(enabled["disabled_reason"]);
        Assert.Null(enabled["failing_since"]);
    }

    [Fact]
    public async Task Resend_makes_one_more_attempt_with_the_same_body_and_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var caller = await Api.NewCallerAsync();
        var (endpointId, _) = await CreateEndpointAsync(caller.Client, receiver.Url(), """["session.created"]""");
        await CreateAsync(caller.Client);
        var first = (await receiver.WaitForCountAsync("/hook", 1)).Single();
        await WaitForDeliveryAsync(caller.Client, $"endpoint_id={endpointId}", d => (string?)d["status"] == "succeeded", "first success");

        var response = await caller.Client.PostJsonAsync($"{Deliveries}/{first.WebhookId}/resend", "");
        var accepted = await response.ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(first.WebhookId, (string?)accepted["webhook_id"]);
        Assert.Equal("pending", (string?)accepted["status"]);
        var second = (await receiver.WaitForCountAsync("/hook", 2))[1];
        Assert.Equal(first.Body, second.Body);
        Assert.Equal(2, second.Attempt);
        var logged = await WaitForDeliveryAsync(caller.Client, $"endpoint_id={endpointId}", d => (int)d["attempts"]! == 2 && (string?)d["status"] == "succeeded", "resend recorded");
        Assert.Equal(first.WebhookId, (string?)logged["webhook_id"]);

        var stranger = await Api.NewCallerAsync();
        await (await stranger.Client.PostJsonAsync($"{Deliveries}/{first.WebhookId}/resend", "")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await caller.Client.PostJsonAsync($"{Deliveries}/wh_evt_000000000000/resend", "")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");

        await (await caller.Client.PatchAsync($"{Endpoints}/{endpointId}", JsonContent("""{"status":"disabled"}"""))).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.PostJsonAsync($"{Deliveries}/{first.WebhookId}/resend", "")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Endpoints}/{endpointId}")).StatusCode);
        await (await caller.Client.PostJsonAsync($"{Deliveries}/{first.WebhookId}/resend", "")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(2, receiver.At("/hook").Count);
    }

    [Fact]
    public async Task A_rotated_endpoint_secret_signs_beside_the_old_one_for_24_hours_then_alone()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var caller = await Api.NewCallerAsync();
        var (endpointId, oldSecret) = await CreateEndpointAsync(caller.Client, receiver.Url(), """["session.created"]""");
        var rotated = await (await caller.Client.PostJsonAsync($"{Endpoints}/{endpointId}/rotate-secret", "")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["id", "secret"], rotated.Keys());
        Assert.Equal(endpointId, (string?)rotated["id"]);
        var newSecret = (string)rotated["secret"]!;
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", newSecret);
        Assert.NotEqual(oldSecret, newSecret);

        await CreateAsync(caller.Client);
        var during = (await receiver.WaitForCountAsync("/hook", 1))[0];
        Assert.Equal(2, WebhookReceiver.V2SignatureCount(during));
        Assert.True(WebhookReceiver.VerifiesV2(newSecret, during));
        Assert.True(WebhookReceiver.VerifiesV2(oldSecret, during));
        Assert.True(WebhookReceiver.Verifies(newSecret, during));
        Assert.False(WebhookReceiver.Verifies(oldSecret, during));
        var v1s = during.Header("X-Verilock-Signature-V2").Split(',').Where(p => p.StartsWith("v1=")).ToArray();
        Assert.Equal(WebhookReceiver.V2Signature(newSecret, during), v1s[0][3..]);
        await WaitForAllSucceededAsync(caller.Client, 1);

        Api.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await CreateAsync(caller.Client);
        var after = (await receiver.WaitForCountAsync("/hook", 2))[1];
        Assert.Equal(1, WebhookReceiver.V2SignatureCount(after));
        Assert.True(WebhookReceiver.VerifiesV2(newSecret, after));
        Assert.False(WebhookReceiver.VerifiesV2(oldSecret, after));
        Assert.False(WebhookReceiver.Verifies(oldSecret, after));
    }

    [Fact]
    public async Task A_session_webhook_url_gets_its_session_events_signed_with_the_default_secret()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var caller = await Api.NewCallerAsync();
        var rotated = await (await caller.Client.PostJsonAsync("/api/v1/webhooks/default-secret/rotate", "")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["secret"], rotated.Keys());
        var secret = (string)rotated["secret"]!;
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", secret);

        var id = await CreateAsync(caller.Client, $$"""{"steps":["document","selfie","face_match"],"webhook_url":"{{receiver.Url("/session")}}"}""");
        await CreateAsync(caller.Client);
        await Api.PutInReviewAsync(id);
        await (await caller.Client.PostJsonAsync($"{Sessions}/{id}/decision", """{"decision":"approved"}""")).ExpectAsync(HttpStatusCode.OK);
        var received = await receiver.WaitForCountAsync("/session", 5);
        Assert.Equal(new[] { "session.approved", "session.completed", "session.created", "session.processing", "session.review_required" },
            received.Select(r => r.Event).Order());
        Assert.All(received, r => Assert.Equal(id, (string?)r.Json["data"]!["session_id"]));
        Assert.All(received, r => Assert.True(WebhookReceiver.Verifies(secret, r)));
        Assert.All(received, r => Assert.True(WebhookReceiver.VerifiesV2(secret, r)));

        var log = await DeliveriesAsync(caller.Client, $"session_id={id}&per_page=100");
        Assert.Equal(5, (int)log["meta"]!["total"]!);
        Assert.All(log["data"]!.AsArray(), d => Assert.Null(d!["endpoint_id"]));
        Assert.All(log["data"]!.AsArray(), d => Assert.Equal(receiver.Url("/session"), (string?)d!["url"]));
        var approvedLog = await DeliveriesAsync(caller.Client, $"session_id={id}&event=session.approved");
        Assert.Equal(1, (int)approvedLog["meta"]!["total"]!);

        // Per-session deliveries can be resent too; they have no endpoint to be disabled or deleted.
        var webhookId = (string)approvedLog["data"]![0]!["webhook_id"]!;
        await WaitForDeliveryAsync(caller.Client, $"session_id={id}&event=session.approved", d => (string?)d["status"] == "succeeded", "success");
        await (await caller.Client.PostJsonAsync($"{Deliveries}/{webhookId}/resend", "")).ExpectAsync(HttpStatusCode.Accepted);
        await receiver.WaitForCountAsync("/session", 6);

        var next = (string)(await (await caller.Client.PostJsonAsync("/api/v1/webhooks/default-secret/rotate", "")).ExpectAsync(HttpStatusCode.OK))["secret"]!;
        await (await caller.Client.PostJsonAsync($"{Deliveries}/{webhookId}/resend", "")).ExpectAsync(HttpStatusCode.Accepted);
        var resent = (await receiver.WaitForCountAsync("/session", 7))[6];
        Assert.True(WebhookReceiver.Verifies(next, resent));
        Assert.True(WebhookReceiver.VerifiesV2(next, resent));
        Assert.True(WebhookReceiver.VerifiesV2(secret, resent));
    }

    [Fact]
    public async Task The_delivery_log_filters_validates_and_is_scoped_to_the_caller()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Respond("/bad", 500);
        var caller = await Api.NewCallerAsync();
        var (good, _) = await CreateEndpointAsync(caller.Client, receiver.Url("/good"));
        var (bad, _) = await CreateEndpointAsync(caller.Client, receiver.Url("/bad"), """["session.created"]""");
        var first = await CreateAsync(caller.Client);
        await CreateAsync(caller.Client);
        await receiver.WaitForCountAsync("/bad", 2);
        await WaitForDeliveryAsync(caller.Client, $"endpoint_id={bad}&status=pending", d => d["last_error"] is not null, "failures recorded");
        await WaitForDeliveryAsync(caller.Client, $"endpoint_id={good}&status=succeeded", _ => true, "successes recorded");

        async Task<int> Total(string query) => (int)(await DeliveriesAsync(caller.Client, query))["meta"]!["total"]!;
        Assert.Equal(4, await Total(""));
        Assert.Equal(2, await Total($"endpoint_id={good}"));
        Assert.Equal(2, await Total("status=pending"));
        Assert.Equal(2, await Total("status=succeeded"));
        Assert.Equal(0, await Total("status=failed"));
        Assert.Equal(4, await Total("event=session.created"));
        Assert.Equal(2, await Total($"session_id={first}"));
        Assert.Equal(1, await Total($"session_id={first}&endpoint_id={bad}"));
        var page = await DeliveriesAsync(caller.Client, "per_page=3&page=2");
        Assert.Single(page["data"]!.AsArray());
        Assert.Equal(2, (int)page["meta"]!["last_page"]!);

        var errors = await (await caller.Client.GetAsync($"{Deliveries}?status=done&event=session.nope&per_page=0")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(new[] { "event", "per_page", "status" }, errors!.Keys().Order());

        var stranger = await Api.NewCallerAsync();
        Assert.Equal(0, (int)(await DeliveriesAsync(stranger.Client))["meta"]!["total"]!);
        var otherMode = await Api.NewCallerAsync(live: true, accountName: caller.AccountName);
        Assert.Equal(0, (int)(await DeliveriesAsync(otherMode.Client))["meta"]!["total"]!);
    }

    private static async Task WaitForAllSucceededAsync(HttpClient client, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((int)(await DeliveriesAsync(client, "status=succeeded"))["meta"]!["total"]! < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"{count} deliveries did not all succeed.");
            await Task.Delay(20);
        }
    }

    private static StringContent JsonContent(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}

public sealed class WebhookDeliveryTestsOnSqlite(SqliteWebhookFixture api) : WebhookDeliveryTests(api), IClassFixture<SqliteWebhookFixture>;

public sealed class WebhookDeliveryTestsOnPostgres(PostgresWebhookFixture api) : WebhookDeliveryTests(api), IClassFixture<PostgresWebhookFixture>;
