using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Faults;

/// <summary>
/// The fault campaign's database outage (issue 16, item 9): PostgreSQL is stopped (immediate shutdown, as when its
/// host dies) under load from a real server process. While it is down every answer is a success or 503 with
/// <c>Retry-After</c> in the spec's shape — never a 500, never a hang — and <c>/readyz</c> says the database is
/// failing. Once it is back the same process recovers by itself and nothing is lost or doubled: every create that
/// was answered 201 is there, and every create that was refused, retried with its <c>Idempotency-Key</c>, exists
/// exactly once. Background work (the check workers) resumes too.
/// </summary>
public sealed class PostgresOutageTests
{
    private const int Clients = 6;

    private sealed record Attempt(string Reference, string Key, HttpStatusCode? Status, string? SessionId);

    [Fact]
    public async Task Stopping_postgres_mid_load_answers_503_with_retry_after_then_recovers_with_nothing_lost()
    {
        if (PrivatePostgres.Missing is { } missing)
            Assert.Skip(missing);
        await using var database = await PrivatePostgres.StartAsync();
        var environment = TestServerProcess.Environment(database, ("VERILOCK__CHECKS__WORKERS", "1"));
        var key = await TestServerProcess.CreateKeyAsync(database, environment, "test");
        var (server, ready) = await TestServerProcess.StartAsync(database, environment, key);
        // A hang fails the test instead of stalling it.
        var client = new HttpClient { BaseAddress = ready.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        ready.Dispose();
        try
        {
            var known = (string)(await (await client.PostJsonAsync("/api/v1/sessions", """{"steps":["document"]}"""))
                .ExpectAsync(HttpStatusCode.Created))["id"]!;

            var attempts = new ConcurrentQueue<Attempt>();
            var reads = new ConcurrentQueue<HttpStatusCode>();
            var unexpected = new ConcurrentQueue<string>();
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, Clients).Select(worker => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    var reference = $"outage-{worker}-{i}";
                    var idempotencyKey = Guid.NewGuid().ToString("N");
                    var create = await SendAsync(client, () => Create(reference, idempotencyKey), unexpected);
                    attempts.Enqueue(new Attempt(reference, idempotencyKey, create?.Status, create?.Body?["id"]?.GetValue<string>()));
                    var read = await SendAsync(client, () => new HttpRequestMessage(HttpMethod.Get, $"/api/v1/sessions/{known}"), unexpected);
                    if (read is not null)
                        reads.Enqueue(read.Value.Status);
                    await Task.Delay(20);
                }
            })).ToList();

            await Task.Delay(TimeSpan.FromSeconds(2));
            await database.StopServerAsync();
            var down = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(2));
            var readiness = await client.GetAsync("/readyz");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, readiness.StatusCode);
            var readyBody = JsonNode.Parse(await readiness.Content.ReadAsStringAsync())!;
            Assert.Equal("server_error", (string?)readyBody["error"]);
            Assert.Equal("fail", (string?)readyBody["details"]!["checks"]!["database"]);
            await Task.Delay(TimeSpan.FromSeconds(4));
            var refusedWhileDown = attempts.Count(a => a.Status == HttpStatusCode.ServiceUnavailable);

            await database.StartServerAsync();
            var recovered = await RecoveredAsync(client, TimeSpan.FromSeconds(60));
            await Task.Delay(TimeSpan.FromSeconds(2)); // a little load after recovery too
            await stop.CancelAsync();
            await Task.WhenAll(load);

            var tally = attempts.GroupBy(a => a.Status is { } status ? ((int)status).ToString() : "none").OrderBy(g => g.Key)
                .Select(g => $"{g.Key}: {g.Count()}");
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"creates {attempts.Count} ({string.Join(", ", tally)}), reads {reads.Count} ({reads.Count(r => r == HttpStatusCode.ServiceUnavailable)} × 503), down {down.Elapsed.TotalSeconds:F1} s");
            Assert.True(unexpected.IsEmpty, "Answers outside the contract during the outage:\n" + string.Join("\n", unexpected.Take(10))
                + "\nServer log:\n" + string.Join("\n", server.Output.Where(line => !line.StartsWith("      at ", StringComparison.Ordinal) || line.Contains("Verilock", StringComparison.Ordinal)).TakeLast(60)));
            Assert.True(refusedWhileDown > 0, $"No create was refused in {down.Elapsed}: the outage was not under load.");
            Assert.True(recovered, "The server did not recover within 60 s of PostgreSQL's restart.");
            Assert.Contains(HttpStatusCode.ServiceUnavailable, reads);

            // Nothing acknowledged is lost.
            foreach (var created in attempts.Where(a => a.Status == HttpStatusCode.Created))
            {
                var session = await (await client.GetAsync($"/api/v1/sessions/{created.SessionId}")).ExpectAsync(HttpStatusCode.OK);
                Assert.Equal(created.Reference, (string?)session["reference_id"]);
            }
            // Every refused create, retried with its key, exists exactly once: a commit whose answer was lost is not doubled.
            foreach (var refused in attempts.Where(a => a.Status != HttpStatusCode.Created))
                await RetryUntilCreatedAsync(client, refused, TimeSpan.FromSeconds(30));
            foreach (var attempt in attempts)
            {
                var listed = await (await client.GetAsync($"/api/v1/sessions?reference_id={attempt.Reference}")).ExpectAsync(HttpStatusCode.OK);
                Assert.True((int)listed["meta"]!["total"]! == 1, $"{attempt.Reference}: {listed["meta"]!["total"]} sessions");
            }
            var all = await (await client.GetAsync("/api/v1/sessions?per_page=1")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(attempts.Count + 1, (int)all["meta"]!["total"]!);

            // The process survived and its background work resumed: a sandbox session is checked and decided.
            var id = (string)(await (await client.PostJsonAsync("/api/v1/sessions",
                """{"steps":["document","selfie"],"applicant":{"first_name":"Ada","last_name":"Lovelace"}}""")).ExpectAsync(HttpStatusCode.Created))["id"]!;
            await (await client.PostDocumentAsync(id, File("front", Jpeg(1, 8 * 1024), "front.jpg"), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
            await (await client.PostSelfieAsync(id, Jpeg(2, 8 * 1024))).ExpectAsync(HttpStatusCode.OK);
            await (await client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
            Assert.Equal("approved", await DecisionAsync(client, id, TimeSpan.FromSeconds(60)));
        }
        finally
        {
            server.Kill();
            client.Dispose();
        }
    }

    private static HttpRequestMessage Create(string reference, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/sessions")
        {
            Content = new StringContent($$"""{"steps":["document"],"reference_id":"{{reference}}"}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    /// <summary>
    /// Sends one request and checks it against the contract: a success, or 503 <c>server_error</c> with
    /// <c>Retry-After</c>. Anything else — a 500, another error, a timeout — is recorded as unexpected.
    /// </summary>
    private static async Task<(HttpStatusCode Status, JsonNode? Body)?> SendAsync(
        HttpClient client, Func<HttpRequestMessage> request, ConcurrentQueue<string> unexpected)
    {
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            unexpected.Enqueue($"{e.GetType().Name}: {e.Message}");
            return null;
        }
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length > 0 ? JsonNode.Parse(text) : null;
        if (response.IsSuccessStatusCode)
            return (response.StatusCode, body);
        if (response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null
            && (string?)body?["error"] == "server_error" && body?["message"] is not null)
            return (response.StatusCode, body);
        unexpected.Enqueue($"{(int)response.StatusCode} Retry-After={response.Headers.RetryAfter}: {text}");
        return (response.StatusCode, body);
    }

    /// <summary>
    /// Retries a refused create with its key, as an integrator would. A claim the outage kept from being released
    /// answers 409 "still being processed" until the server has written the release; then the retry runs.
    /// </summary>
    private static async Task RetryUntilCreatedAsync(HttpClient client, Attempt refused, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var retry = await client.SendAsync(Create(refused.Reference, refused.Key));
            if (retry.StatusCode == HttpStatusCode.Created)
                return;
            var body = await retry.Content.ReadAsStringAsync();
            Assert.True(retry.StatusCode == HttpStatusCode.Conflict && body.Contains("still being processed") && clock.Elapsed < within,
                $"{refused.Reference}: retry answered {(int)retry.StatusCode} {body} after {clock.Elapsed}");
            await Task.Delay(250);
        }
    }

    private static async Task<bool> RecoveredAsync(HttpClient client, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if ((await client.GetAsync("/readyz")).IsSuccessStatusCode)
                return true;
            await Task.Delay(250);
        }
        return false;
    }

    private static async Task<string?> DecisionAsync(HttpClient client, string id, TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            var session = await (await client.GetAsync($"/api/v1/sessions/{id}")).ExpectAsync(HttpStatusCode.OK);
            if (session["decision"]?.GetValue<string>() is { } decision)
                return decision;
            await Task.Delay(250);
        }
        return null;
    }
}
