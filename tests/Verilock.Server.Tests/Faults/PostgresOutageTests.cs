using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Faults;

/// <summary>
/// The fault campaign's outage (issue 16, item 9): PostgreSQL is stopped twice under load — a fast shutdown
/// (clients are told 57P01 and cut off) and an immediate one (every backend killed, crash recovery at start) —
/// while integrators create sessions (with <c>Idempotency-Key</c>), upload, submit, read and list, retrying
/// 503s after <c>Retry-After</c> as the spec tells them to. During an outage each answer is a success or the
/// spec's 503 <c>server_error</c> with <c>Retry-After</c>, within the client's deadline; <c>/readyz</c> says
/// the database fails while <c>/healthz</c> stays ok. After each restart the server serves again within a bound, and nothing is lost or doubled:
/// every reference has exactly one session, whole; each create's key replays that one session; totals match;
/// every session reaches its decision and its webhooks arrive (the check workers and the dispatcher resumed).
/// The host stays up throughout, and its log never shows the database password or the applicants' names.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private const int Integrators = 10, Readers = 2;
    private const string FirstName = "Zenobia", LastName = "Quixotely"; // looked for in the server's log
    private static readonly TimeSpan RequestDeadline = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OutageLength = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan RecoveryDeadline = TimeSpan.FromSeconds(20);
    /// <summary>After <c>/readyz</c> is back, how long a request may still meet a connection the outage broke.</summary>
    private static readonly TimeSpan Settling = TimeSpan.FromSeconds(2);

    /// <summary>One HTTP exchange: status 0 is no answer (a transport error or the deadline).</summary>
    private sealed record Answer(string Operation, int Status, string? RetryAfter, string Body, TimeSpan Started, TimeSpan Ended);

    private sealed class Outage(string mode)
    {
        public string Mode { get; } = mode;
        public TimeSpan Stopping { get; set; }
        public TimeSpan Restarted { get; set; }
        public TimeSpan Recovered { get; set; }
    }

    private sealed class Tracked(string reference)
    {
        public string Reference { get; } = reference;
        public string? Id { get; set; }
        public bool Submitted { get; set; }
    }

    [Fact]
    public async Task Stopping_postgres_mid_load_answers_503_with_Retry_After_and_loses_nothing()
    {
        await using var cluster = await PostgresCluster.StartNewAsync();
        await using var receiver = await WebhookReceiver.StartAsync();
        var environment = TestServerProcess.Environment(cluster, ("VERILOCK__WEBHOOKS__ALLOWINSECURETARGETS", "true"));
        var key = await TestServerProcess.CreateKeyAsync(cluster, environment, "test");
        var (server, ready) = await TestServerProcess.StartAsync(cluster, environment, key);
        using var client = new HttpClient { BaseAddress = ready.BaseAddress, Timeout = RequestDeadline };
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        // Readiness as a load balancer's probe asks it: without a key.
        using var probe = new HttpClient { BaseAddress = ready.BaseAddress, Timeout = RequestDeadline };
        ready.Dispose();

        var clock = Stopwatch.StartNew();
        var answers = new ConcurrentQueue<Answer>();
        var tracked = new ConcurrentQueue<Tracked>();
        var outages = new List<Outage>();
        using var stopLoad = new CancellationTokenSource();
        try
        {
            var load = Enumerable.Range(0, Integrators)
                .Select(i => Task.Run(() => IntegrateAsync(client, receiver.Url(), i, clock, answers, tracked, stopLoad.Token)))
                .Concat(Enumerable.Range(0, Readers).Select(i => Task.Run(() => ReadAsync(client, i, clock, answers, tracked, stopLoad.Token))))
                .ToList();
            foreach (var mode in new[] { "fast", "immediate" })
            {
                // Load first, by progress rather than time: a machine busy with other tests is slow to warm up.
                await WaitForCreatesAsync(answers, clock, 10);
                var outage = new Outage(mode) { Stopping = clock.Elapsed };
                outages.Add(outage);
                await cluster.StopAsync(mode);
                await Task.Delay(OutageLength);
                await AssertNotReadyAsync(probe, clock, answers);
                await cluster.StartAsync();
                outage.Restarted = clock.Elapsed;
                outage.Recovered = await WaitUntilReadyAsync(probe, clock);
                Assert.False(server.HasExited, "The server exited during the outage: " + string.Join('\n', server.Output.TakeLast(50)));
                await Task.Delay(Settling);
            }
            await WaitForCreatesAsync(answers, clock, 10);
            await stopLoad.CancelAsync();
            await Task.WhenAll(load).WaitAsync(TimeSpan.FromSeconds(60));

            var all = answers.ToArray();
            var sessions = tracked.ToArray();
            Report(all, sessions, outages);
            AssertAnswers(all, outages);
            await AssertNothingLostOrDoubledAsync(client, sessions, receiver.Url());
            await AssertEverySessionFinishesAsync(client, receiver, sessions);
            Assert.False(server.HasExited, "The server exited: " + string.Join('\n', server.Output.TakeLast(50)));
            AssertLogKeepsSecrets(server.Output, cluster.Password);
        }
        finally
        {
            await stopLoad.CancelAsync();
            server.Kill();
            // What the server logged while failing, by category: the first place to look when this test fails.
            var log = server.Output;
            foreach (var entry in log.Select((line, i) => (line, message: i + 1 < log.Count ? log[i + 1].Trim() : ""))
                         .Where(e => e.line.StartsWith("fail:") || e.line.StartsWith("warn:") || e.line.StartsWith("crit:"))
                         .GroupBy(e => e.line).OrderByDescending(g => g.Count()))
                output.WriteLine($"server log: {entry.Count()} × {entry.Key} {entry.First().message[..Math.Min(100, entry.First().message.Length)]}");
        }
    }

    /// <summary>
    /// An integrator per the spec: one session at a time, created, read, given a document, submitted (every POST
    /// under an Idempotency-Key); every 503 retried as it is, same key, after Retry-After. Finishes its session once told to stop.
    /// </summary>
    private static async Task IntegrateAsync(HttpClient client, string webhookUrl, int integrator, Stopwatch clock,
        ConcurrentQueue<Answer> answers, ConcurrentQueue<Tracked> tracked, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var session = new Tracked($"outage-{integrator}-{n}");
            tracked.Enqueue(session);
            var body = CreateBody(session.Reference, webhookUrl);
            var created = await UntilAnsweredAsync("create", () => client.PostJsonAsync("/api/v1/sessions", body, session.Reference), clock, answers);
            if (created.Status != 201)
                return;
            session.Id = (string)JsonNode.Parse(created.Body)!["id"]!;
            if ((await UntilAnsweredAsync("get", () => client.GetAsync($"/api/v1/sessions/{session.Id}"), clock, answers)).Status != 200)
                return;
            var front = Jpeg(integrator * 10_000 + n, 8 * 1024);
            var uploaded = await UntilAnsweredAsync("upload", () => client.SendAsync(
                Keyed($"/api/v1/sessions/{session.Id}/documents", Form(File("front", front, "front.jpg"), Field("type", "passport")), session.Reference + "-upload")),
                clock, answers);
            if (uploaded.Status != 200)
                return;
            if (n % 3 == 0 && (await UntilAnsweredAsync("list", () => client.GetAsync("/api/v1/sessions?per_page=5"), clock, answers)).Status != 200)
                return;
            var submitted = await UntilAnsweredAsync("submit",
                () => client.SendAsync(Keyed($"/api/v1/sessions/{session.Id}/submit", null, session.Reference + "-submit")), clock, answers);
            if (submitted.Status != 202)
                return;
            session.Submitted = true;
        }
    }

    /// <summary>A dashboard's reads: sessions already created and list pages, one answer each, never retried.</summary>
    private static async Task ReadAsync(HttpClient client, int reader, Stopwatch clock, ConcurrentQueue<Answer> answers,
        ConcurrentQueue<Tracked> tracked, CancellationToken stop)
    {
        var random = new Random(reader);
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var known = tracked.Where(s => s.Id is not null).ToArray();
            var answer = n % 4 == 0 || known.Length == 0
                ? await SendAsync("list", () => client.GetAsync($"/api/v1/sessions?per_page=10&page={1 + n % 3}"), clock)
                : await SendAsync("get", () => client.GetAsync($"/api/v1/sessions/{known[random.Next(known.Length)].Id}"), clock);
            answers.Enqueue(answer);
            await Task.Delay(25, CancellationToken.None); // the loop checks `stop` itself
        }
    }

    /// <summary>A POST under an Idempotency-Key, as an integrator retrying 503s should send it (spec §5).</summary>
    private static HttpRequestMessage Keyed(string url, HttpContent? content, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = content };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static string CreateBody(string reference, string webhookUrl) => new JsonObject
    {
        ["steps"] = new JsonArray("document", "aml"),
        ["reference_id"] = reference,
        ["applicant"] = new JsonObject { ["first_name"] = FirstName, ["last_name"] = LastName },
        ["webhook_url"] = webhookUrl,
    }.ToJsonString();

    /// <summary>Sends until the answer is not a 503 (waiting Retry-After between tries); records every try.</summary>
    private static async Task<Answer> UntilAnsweredAsync(string operation, Func<Task<HttpResponseMessage>> send, Stopwatch clock, ConcurrentQueue<Answer> answers)
    {
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(45);
        while (true)
        {
            var answer = await SendAsync(operation, send, clock);
            answers.Enqueue(answer);
            if (answer.Status != 503 || clock.Elapsed > deadline)
                return answer;
            await Task.Delay(TimeSpan.FromSeconds(int.TryParse(answer.RetryAfter, out var seconds) ? Math.Clamp(seconds, 1, 5) : 1));
        }
    }

    private static async Task<Answer> SendAsync(string operation, Func<Task<HttpResponseMessage>> send, Stopwatch clock)
    {
        var started = clock.Elapsed;
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            return new Answer(operation, (int)response.StatusCode, response.Headers.RetryAfter?.ToString(), body, started, clock.Elapsed);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return new Answer(operation, 0, null, e.GetType().Name + ": " + e.Message, started, clock.Elapsed);
        }
    }

    /// <summary>Waits until <paramref name="count"/> more creates have succeeded than when called.</summary>
    private static async Task WaitForCreatesAsync(ConcurrentQueue<Answer> answers, Stopwatch clock, int count)
    {
        int Created() => answers.Count(a => a.Operation == "create" && a.Status == 201);
        var target = Created() + count;
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(30);
        while (Created() < target)
        {
            Assert.True(clock.Elapsed < deadline, $"Fewer than {count} creates succeeded in 30 s: {Created()} in all.");
            await Task.Delay(50);
        }
    }

    /// <summary>
    /// While the database is down, readiness says so in the spec's shape (§14) and answers in time; liveness stays
    /// ok, so an orchestrator takes the server out of rotation instead of restarting it.
    /// </summary>
    private static async Task AssertNotReadyAsync(HttpClient client, Stopwatch clock, ConcurrentQueue<Answer> answers)
    {
        var alive = await SendAsync("healthz", () => client.GetAsync("/healthz"), clock);
        Assert.True(alive.Status == 200, $"/healthz during the outage: {alive.Status} {alive.Body}");
        var answer = await SendAsync("readyz", () => client.GetAsync("/readyz"), clock);
        answers.Enqueue(answer);
        Assert.True(answer.Status == 503, $"/readyz during the outage: {answer.Status} {answer.Body}");
        var body = JsonNode.Parse(answer.Body)!;
        Assert.True((string?)body["error"] == "server_error" && (string?)body["details"]?["checks"]?["database"] == "fail",
            "/readyz during the outage: " + answer.Body);
    }

    private static async Task<TimeSpan> WaitUntilReadyAsync(HttpClient client, Stopwatch clock)
    {
        var restarted = clock.Elapsed;
        while (true)
        {
            var answer = await SendAsync("readyz", () => client.GetAsync("/readyz"), clock);
            if (answer.Status == 200)
                return clock.Elapsed;
            Assert.True(clock.Elapsed - restarted < RecoveryDeadline, $"Not ready {RecoveryDeadline} after PostgreSQL restarted: {answer.Status} {answer.Body}");
            await Task.Delay(100);
        }
    }

    /// <summary>
    /// Every exchange was answered within the deadline; outside the outages (plus the settling time) every
    /// answer was a success; inside, a success or 503 server_error with Retry-After — never a 500 or a 409.
    /// </summary>
    private static void AssertAnswers(Answer[] answers, List<Outage> outages)
    {
        bool During(Answer a) => outages.Any(o => a.Ended >= o.Stopping && a.Started <= o.Recovered + Settling);
        var expected = new Dictionary<string, int> { ["create"] = 201, ["get"] = 200, ["upload"] = 200, ["list"] = 200, ["submit"] = 202, ["readyz"] = 503 };
        foreach (var answer in answers)
        {
            var what = $"{answer.Operation} at {answer.Started.TotalSeconds:F2}s–{answer.Ended.TotalSeconds:F2}s answered {answer.Status}: {answer.Body}";
            if (answer.Status == 503 && answer.Operation != "readyz")
            {
                Assert.True(During(answer), "503 outside an outage: " + what);
                Assert.True(int.TryParse(answer.RetryAfter, out var seconds) && seconds >= 1, "503 without Retry-After: " + what);
                var body = JsonNode.Parse(answer.Body)!.AsObject();
                Assert.Equal(["error", "message", "details"], body.Select(p => p.Key));
                Assert.Equal("server_error", (string?)body["error"]);
                Assert.Null(body["details"]);
                continue;
            }
            Assert.True(answer.Status == expected[answer.Operation], "Neither success nor 503: " + what);
        }
        foreach (var outage in outages)
            Assert.True(answers.Any(a => a.Status == 503 && a.Operation != "readyz" && a.Started >= outage.Stopping && a.Started <= outage.Recovered),
                $"No request met the {outage.Mode} outage; the test proves nothing.");
        Assert.Contains(answers, a => a.Status == 201 && a.Started < outages[0].Stopping);
        Assert.Contains(answers, a => a.Status == 201 && a.Started > outages[^1].Recovered);
    }

    /// <summary>
    /// One session per reference (a 503 created nothing; its retry under the same key created exactly one), whole,
    /// and the key replays that session; the list's total counts exactly those sessions.
    /// </summary>
    private static async Task AssertNothingLostOrDoubledAsync(HttpClient client, Tracked[] sessions, string webhookUrl)
    {
        Assert.All(sessions, s => Assert.NotNull(s.Id));
        await Parallel.ForEachAsync(sessions, new ParallelOptions { MaxDegreeOfParallelism = Integrators }, async (session, cancellationToken) =>
        {
            var byReference = await (await client.GetAsync($"/api/v1/sessions?reference_id={session.Reference}", cancellationToken)).ExpectAsync(HttpStatusCode.OK);
            Assert.True((int)byReference["meta"]!["total"]! == 1, $"{session.Reference}: {byReference.ToJsonString()}");
            Assert.Equal(session.Id, (string?)byReference["data"]![0]!["id"]);

            var stored = await (await client.GetAsync($"/api/v1/sessions/{session.Id}", cancellationToken)).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(session.Reference, (string?)stored["reference_id"]);
            Assert.Equal(FirstName, (string?)stored["applicant"]!["first_name"]);
            Assert.Equal(LastName, (string?)stored["applicant"]!["last_name"]);
            Assert.Single(stored["documents"]!.AsArray());

            var replay = await client.PostJsonAsync("/api/v1/sessions", CreateBody(session.Reference, webhookUrl), session.Reference);
            var replayed = await replay.ExpectAsync(HttpStatusCode.Created);
            Assert.True(replay.Headers.TryGetValues("Idempotent-Replayed", out var flag) && flag.Single() == "true", $"{session.Reference}: not a replay");
            Assert.Equal(session.Id, (string?)replayed["id"]);
        });
        var list = await (await client.GetAsync("/api/v1/sessions?per_page=1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(sessions.Length, (int)list["meta"]!["total"]!);
    }

    /// <summary>Submits what the stop left unsubmitted, then waits for every decision and its webhooks.</summary>
    private static async Task AssertEverySessionFinishesAsync(HttpClient client, WebhookReceiver receiver, Tracked[] sessions)
    {
        foreach (var session in sessions.Where(s => !s.Submitted))
            await (await client.SubmitAsync(session.Id!)).ExpectAsync(HttpStatusCode.Accepted);
        var deadline = DateTime.UtcNow.AddSeconds(40);
        while (true)
        {
            var approved = await (await client.GetAsync("/api/v1/sessions?status=approved&per_page=1")).ExpectAsync(HttpStatusCode.OK);
            if ((int)approved["meta"]!["total"]! == sessions.Length)
                break;
            Assert.True(DateTime.UtcNow < deadline, $"Only {approved["meta"]!["total"]} of {sessions.Length} sessions were decided.");
            await Task.Delay(250);
        }
        // Each session's webhook_url gets its session.created and, once decided, session.approved.
        var missing = sessions.SelectMany(s => new[] { ("session.created", s.Id!), ("session.approved", s.Id!) }).ToHashSet();
        var seen = 0;
        deadline = DateTime.UtcNow.AddSeconds(40);
        while (missing.Count > 0)
        {
            var received = receiver.Received;
            foreach (var request in received.Skip(seen))
                missing.Remove((request.Event, (string)request.Json["data"]!["session_id"]!));
            seen = received.Count;
            Assert.True(missing.Count == 0 || DateTime.UtcNow < deadline,
                $"{missing.Count} webhooks never arrived, e.g. {string.Join(", ", missing.Take(5))}");
            await Task.Delay(250);
        }
    }

    private static void AssertLogKeepsSecrets(IReadOnlyList<string> log, string password)
    {
        Assert.DoesNotContain(log, line => line.Contains(password, StringComparison.Ordinal));
        Assert.DoesNotContain(log, line => line.Contains(FirstName, StringComparison.OrdinalIgnoreCase) || line.Contains(LastName, StringComparison.OrdinalIgnoreCase));
    }

    private void Report(Answer[] answers, Tracked[] sessions, List<Outage> outages)
    {
        foreach (var outage in outages)
            output.WriteLine($"{outage.Mode} stop at {outage.Stopping.TotalSeconds:F1}s, PostgreSQL back at {outage.Restarted.TotalSeconds:F1}s, " +
                $"/readyz ok {(outage.Recovered - outage.Restarted).TotalSeconds:F2}s later");
        foreach (var group in answers.GroupBy(a => (a.Operation, a.Status)).OrderBy(g => g.Key))
            output.WriteLine($"{group.Key.Operation} {group.Key.Status}: {group.Count()}");
        output.WriteLine($"{answers.Length} requests, {sessions.Length} sessions, slowest answer {answers.Max(a => a.Ended - a.Started).TotalMilliseconds:F0} ms");
        foreach (var outage in outages)
        {
            var refused = answers.Where(a => a.Status == 503 && a.Operation != "readyz" && a.Ended >= outage.Stopping && a.Started <= outage.Recovered + Settling).ToArray();
            if (refused.Length == 0)
                continue;
            output.WriteLine($"{outage.Mode}: {refused.Length} answers 503, first started at {refused.Min(a => a.Started).TotalSeconds:F2}s, " +
                $"last at {refused.Max(a => a.Started).TotalSeconds:F2}s ({(refused.Max(a => a.Started) - outage.Recovered).TotalSeconds:F2}s after ready)");
        }
    }
}
