using System.Net;
using System.Net.Http.Headers;
using Verilock.Client.Tests.Support;

namespace Verilock.Client.Tests;

/// <summary>
/// Retries, Retry-After and idempotency keys, against a scripted network (<see cref="ScriptedHandler"/>) and a clock
/// that records the waits (<see cref="RecordingTimeProvider"/>).
/// </summary>
public sealed class RetryTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 15, 10, 30, 0, TimeSpan.Zero);
    private readonly RecordingTimeProvider _time = new(Now);

    private VerilockClient Client(ScriptedHandler handler, int? maxRetries = null) => new(new VerilockClientOptions
    {
        ApiKey = "qi_test_key",
        BaseAddress = new Uri("https://kyc.example.com/base/"),
        MaxNetworkRetries = maxRetries ?? 2,
        TimeProvider = _time,
    }, new HttpClient(handler));

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_seconds_with_the_same_idempotency_key()
    {
        var handler = new ScriptedHandler(
            ScriptedHandler.Json(HttpStatusCode.TooManyRequests, ScriptedHandler.RateLimited, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2))),
            ScriptedHandler.Json(HttpStatusCode.Created, ScriptedHandler.SessionJson));
        using var client = Client(handler);

        var session = await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["document"] });

        Assert.Equal("ses_1", session.Id);
        Assert.Equal(2, session.Response!.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(2)], _time.Waits);
        Assert.Equal(2, handler.Requests.Count);
        var keys = handler.Requests.Select(r => r.Headers["Idempotency-Key"]).ToList();
        Assert.True(Guid.TryParse(keys[0], out _));
        Assert.Equal(keys[0], keys[1]);
        Assert.Equal(session.Response.IdempotencyKey, keys[0]);
        Assert.All(handler.Requests, r => Assert.Equal("""{"steps":["document"]}""", r.Body));
        Assert.All(handler.Requests, r => Assert.Equal(new Uri("https://kyc.example.com/base/api/v1/sessions"), r.Uri));
        Assert.All(handler.Requests, r => Assert.Equal("Bearer qi_test_key", r.Headers["Authorization"]));
    }

    [Fact]
    public async Task A_503_with_an_HTTP_date_waits_until_that_date()
    {
        var handler = new ScriptedHandler(
            ScriptedHandler.Json(HttpStatusCode.ServiceUnavailable, ScriptedHandler.Busy, r => r.Headers.RetryAfter = new RetryConditionHeaderValue(Now.AddSeconds(3))),
            ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.SessionJson));
        using var client = Client(handler);

        var session = await client.Sessions.GetAsync("ses_1");

        Assert.Equal([TimeSpan.FromSeconds(3)], _time.Waits);
        Assert.Equal(2, session.Response!.Attempts);
        Assert.False(handler.Requests[0].Headers.ContainsKey("Idempotency-Key"));
    }

    [Fact]
    public async Task Without_Retry_After_the_waits_back_off_exponentially_with_jitter()
    {
        var handler = new ScriptedHandler(
            ScriptedHandler.Json(HttpStatusCode.ServiceUnavailable, ScriptedHandler.Busy),
            ScriptedHandler.Json(HttpStatusCode.ServiceUnavailable, ScriptedHandler.Busy),
            ScriptedHandler.Json(HttpStatusCode.ServiceUnavailable, ScriptedHandler.Busy),
            ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.SessionJson));
        using var client = Client(handler, maxRetries: 3);

        await client.Sessions.GetAsync("ses_1");

        var waits = _time.Waits;
        Assert.Equal(3, waits.Count);
        // Initial 0.5 s doubling: each wait in the upper half of 0.5 s, 1 s, 2 s.
        Assert.InRange(waits[0].TotalMilliseconds, 250, 500);
        Assert.InRange(waits[1].TotalMilliseconds, 500, 1000);
        Assert.InRange(waits[2].TotalMilliseconds, 1000, 2000);
    }

    [Fact]
    public async Task When_the_retries_are_spent_the_last_error_is_thrown_with_its_fields()
    {
        var limited = ScriptedHandler.Json(HttpStatusCode.TooManyRequests, ScriptedHandler.RateLimited, r =>
        {
            r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1));
            r.Headers.Add("X-Request-Id", "req_abc");
        });
        var handler = new ScriptedHandler(limited, limited, limited);
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.ListAsync());

        Assert.Equal(3, handler.Requests.Count); // the first try and the default 2 retries
        Assert.Equal(HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(ApiErrorCodes.RateLimitExceeded, error.Error);
        Assert.Equal("Too many requests. Retry after the number of seconds in Retry-After.", error.Message);
        Assert.Equal(2, error.Details!.Value.GetProperty("retry_after").GetInt32());
        Assert.Equal(TimeSpan.FromSeconds(1), error.RetryAfter);
        Assert.Equal("req_abc", error.RequestId);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_client_waits_is_not_waited_for()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Json(HttpStatusCode.ServiceUnavailable, ScriptedHandler.Busy,
            r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromMinutes(10))));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.GetAsync("ses_1"));

        Assert.Single(handler.Requests);
        Assert.Empty(_time.Waits);
        Assert.Equal(TimeSpan.FromMinutes(10), error.RetryAfter);
    }

    [Fact]
    public async Task Other_errors_are_not_retried()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Json(HttpStatusCode.InternalServerError,
            """{"error":"server_error","message":"Something went wrong on our side. Please retry later.","details":null}"""));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.GetAsync("ses_1"));

        Assert.Single(handler.Requests);
        Assert.Equal(ApiErrorCodes.ServerError, error.Error);
    }

    [Fact]
    public async Task A_connection_failure_is_retried_for_a_GET_and_a_POST_but_not_for_a_PATCH()
    {
        var reset = ScriptedHandler.Throw(new HttpRequestException("Connection reset by peer"));
        var getHandler = new ScriptedHandler(reset, ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.SessionJson));
        using (var client = Client(getHandler))
            Assert.Equal(2, (await client.Sessions.GetAsync("ses_1")).Response!.Attempts);

        var postHandler = new ScriptedHandler(reset, ScriptedHandler.Json(HttpStatusCode.OK, """{"id":"ses_1","status":"processing","message":"ok"}"""));
        using (var client = Client(postHandler))
            await client.Sessions.SubmitAsync("ses_1");
        Assert.Equal(postHandler.Requests[0].Headers["Idempotency-Key"], postHandler.Requests[1].Headers["Idempotency-Key"]);

        var patchHandler = new ScriptedHandler(reset);
        using (var client = Client(patchHandler))
        {
            await Assert.ThrowsAsync<HttpRequestException>(() =>
                client.Webhooks.Endpoints.UpdateAsync("whe_1", new WebhookEndpointUpdateOptions { Description = "x" }));
        }
        Assert.Single(patchHandler.Requests);
        Assert.Equal("""{"description":"x"}""", patchHandler.Requests[0].Body);
    }

    [Fact]
    public async Task A_caller_key_is_sent_as_given_and_retries_can_be_turned_off()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Json(HttpStatusCode.ServiceUnavailable, ScriptedHandler.Busy));
        using var client = Client(handler, maxRetries: 0);

        await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.CreateAsync(
            new SessionCreateOptions { Steps = ["document"] },
            new RequestOptions { IdempotencyKey = "order-17", ApiKey = "qi_live_other", RequestId = "trace-1" }));

        var sent = Assert.Single(handler.Requests);
        Assert.Equal("order-17", sent.Headers["Idempotency-Key"]);
        Assert.Equal("Bearer qi_live_other", sent.Headers["Authorization"]);
        Assert.Equal("trace-1", sent.Headers["X-Request-Id"]);
    }

    [Fact]
    public async Task Cancellation_stops_a_call_waiting_to_retry()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Json(HttpStatusCode.TooManyRequests, ScriptedHandler.RateLimited,
            r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30))));
        using var client = new VerilockClient(new VerilockClientOptions { ApiKey = "qi_test_key", BaseAddress = new Uri("https://kyc.example.com") }, new HttpClient(handler));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.Sessions.ListAsync(cancellationToken: cancel.Token));

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(10));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_hanging_attempt_times_out_and_is_retried_when_safe()
    {
        var handler = new HangingThenAnswering();
        using var client = new VerilockClient(new VerilockClientOptions
        {
            ApiKey = "qi_test_key",
            BaseAddress = new Uri("https://kyc.example.com"),
            Timeout = TimeSpan.FromMilliseconds(100),
            InitialRetryDelay = TimeSpan.FromMilliseconds(1),
        }, new HttpClient(handler));

        var session = await client.Sessions.GetAsync("ses_1");

        Assert.Equal(2, session.Response!.Attempts);
    }

    [Fact]
    public async Task An_error_without_the_APIs_body_is_still_an_API_exception()
    {
        var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.BadGateway) { Content = new StringContent("<html>bad gateway</html>") });
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.GetAsync("ses_1"));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Equal(ApiErrorCodes.Unknown, error.Error);
        Assert.Contains("502", error.Message);
    }

    [Fact]
    public async Task Unknown_fields_are_ignored_and_ids_are_escaped_in_paths()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.SessionJson));
        using var client = Client(handler);

        var session = await client.Sessions.GetAsync("ses_1/../../admin?x=1");

        Assert.Equal("ses_1", session.Id);
        Assert.Equal("/base/api/v1/sessions/ses_1%2F..%2F..%2Fadmin%3Fx%3D1", handler.Requests[0].Uri.AbsolutePath);
    }

    [Fact]
    public async Task The_callers_HttpClient_is_not_disposed_with_the_client()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.SessionJson), ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.SessionJson));
        using var http = new HttpClient(handler);

        using (var client = new VerilockClient(new VerilockClientOptions { ApiKey = "qi_test_key", BaseAddress = new Uri("https://kyc.example.com") }, http))
            await client.Sessions.GetAsync("ses_1");

        Assert.False(handler.Disposed);
        using var second = new VerilockClient(new VerilockClientOptions { ApiKey = "qi_test_key", BaseAddress = new Uri("https://kyc.example.com") }, http);
        Assert.Equal("ses_1", (await second.Sessions.GetAsync("ses_1")).Id);
    }

    [Fact]
    public void Options_without_a_key_or_an_address_are_refused_at_once()
    {
        Assert.Throws<ArgumentException>(() => new VerilockClient(new VerilockClientOptions { BaseAddress = new Uri("https://kyc.example.com") }));
        Assert.Throws<ArgumentException>(() => new VerilockClient(new VerilockClientOptions { ApiKey = "qi_test_key" }));
        Assert.Throws<ArgumentException>(() => new VerilockClient(new VerilockClientOptions { ApiKey = "qi_test_key", BaseAddress = new Uri("/relative", UriKind.Relative) }));
        using var fromHttp = new VerilockClient(new VerilockClientOptions { ApiKey = "qi_test_key" }, new HttpClient { BaseAddress = new Uri("https://kyc.example.com") });
    }

    /// <summary>The first attempt never answers (until cancelled); the second answers at once.</summary>
    private sealed class HangingThenAnswering : HttpMessageHandler
    {
        private int _calls;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _calls) == 1)
                await Task.Delay(Timeout.Infinite, cancellationToken);
            return ScriptedHandler.Json(HttpStatusCode.OK, ScriptedHandler.SessionJson)();
        }
    }
}
