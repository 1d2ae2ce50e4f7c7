// Checks benchmark (issue 3): submit → decision for document-only live sessions, and the workers' throughput,
// against a real server process reading rendered document photos with the real OCR. See docs/benchmarks.md.
//
//   dotnet Verilock.Bench.Checks.dll --server <Verilock.Server.dll> --data-dir <dir> --lists <sanctions dir>
//        [--latency-count 40] [--throughput-count 100] [--workers 2]
//
// The database comes from the environment (VERILOCK__DATABASE__PROVIDER / CONNECTIONSTRING), as for the server.
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Verilock.Bench.Support;
using Verilock.Checks.Samples;

var options = Options.Parse(args);
var photos = SampleSet.All().ToList();
Console.WriteLine($"rendered {photos.Count} document photos ({SampleDocuments.All.Count} documents × {Enum.GetValues<PhotoCondition>().Length} conditions)");
var key = await ServerProcess.CreateKeyAsync(options.ServerDll, options.DataDir, "bench-checks", "live");

// Phase 1: latency. One session at a time, so each decision is the time of one check on an idle server.
await using (var server = await StartAsync(options, options.Workers))
{
    using var client = server.Client(key);
    for (var i = 0; i < 3; i++)
        await Sessions.SubmitAndWaitAsync(client, photos[i]); // warm-up: models loaded, code jitted
    var latencies = new List<double>();
    var outcomes = new Dictionary<string, int>();
    for (var i = 0; i < options.LatencyCount; i++)
    {
        var (elapsed, outcome) = await Sessions.SubmitAndWaitAsync(client, photos[i % photos.Count]);
        latencies.Add(elapsed.TotalMilliseconds);
        outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
    }
    Report.Latency($"submit → decision, one at a time, {options.LatencyCount} document-only sessions", latencies, outcomes);
    Console.WriteLine($"  server RSS after the latency phase: {server.ResidentMiB:F0} MiB");
}

// Phase 2: throughput. Sessions are uploaded first (workers off), then a server with N workers drains them.
var queued = new List<string>();
await using (var server = await StartAsync(options, workers: 0))
{
    using var client = server.Client(key);
    for (var i = 0; i < options.ThroughputCount; i++)
        queued.Add(await Sessions.SubmitAsync(client, photos[i % photos.Count]));
}
var started = Stopwatch.GetTimestamp();
await using (var server = await StartAsync(options, options.Workers))
{
    using var client = server.Client(key);
    var cpuBefore = server.Cpu;
    var drainStart = Stopwatch.GetTimestamp();
    var outcomes = await Sessions.WaitAllAsync(client, queued, TimeSpan.FromMinutes(10));
    var seconds = Stopwatch.GetElapsedTime(drainStart).TotalSeconds;
    Console.WriteLine($"throughput, {options.Workers} worker(s): {queued.Count} sessions decided in {seconds:F1} s = {queued.Count / seconds:F2} sessions/s " +
        $"(server CPU {(server.Cpu - cpuBefore).TotalSeconds:F1} s; from server start {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s)");
    Console.WriteLine("  outcomes: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
}

static Task<ServerProcess> StartAsync(Options options, int workers) =>
    ServerProcess.StartAsync(options.ServerDll, options.DataDir, new Dictionary<string, string>
    {
        ["VERILOCK__CHECKS__WORKERS"] = workers.ToString(CultureInfo.InvariantCulture),
        ["VERILOCK__CHECKS__MODELSDIRECTORY"] = options.Models,
        ["VERILOCK__AML__LISTSDIRECTORY"] = options.Lists,
        ["VERILOCK__RATELIMIT__PERMITPERMINUTE"] = "0",
        ["Logging__LogLevel__Default"] = "Warning",
    });

sealed record Options(string ServerDll, string DataDir, string Lists, string Models, int LatencyCount, int ThroughputCount, int Workers)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string? fallback = null)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"{name} is required");
        }
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new(Get("--server"), Get("--data-dir"), Get("--lists"), Get("--models"),
            Int("--latency-count", 40), Int("--throughput-count", 100), Int("--workers", 2));
    }
}

/// <summary>Document-only live sessions for a rendered photo, with the holder's name and birth date as the applicant.</summary>
static class Sessions
{
    private static readonly string[] DocumentStep = ["document"];

    public static async Task<string> SubmitAsync(HttpClient client, SamplePhoto photo)
    {
        var document = photo.Document;
        var body = JsonSerializer.Serialize(new
        {
            steps = DocumentStep,
            applicant = new
            {
                first_name = document.GivenNames,
                last_name = document.Surname,
                date_of_birth = document.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            },
        });
        using var created = await client.PostAsync("/api/v1/sessions", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        created.EnsureSuccessStatusCode();
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()!;

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(photo.Bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "front", "document");
        form.Add(new StringContent(document.Layout == SampleLayout.Passport ? "passport" : "residence_permit"), "type");
        using var uploaded = await client.PostAsync($"/api/v1/sessions/{id}/documents", form);
        uploaded.EnsureSuccessStatusCode();
        using var submitted = await client.PostAsync($"/api/v1/sessions/{id}/submit", null);
        submitted.EnsureSuccessStatusCode();
        return id;
    }

    /// <summary>Submits and polls every 10 ms; the time is from the submit's response to the first read showing a decision.</summary>
    public static async Task<(TimeSpan Elapsed, string Outcome)> SubmitAndWaitAsync(HttpClient client, SamplePhoto photo)
    {
        var id = await SubmitAsync(client, photo);
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            if (await DecisionAsync(client, id) is { } outcome)
                return (Stopwatch.GetElapsedTime(started), outcome);
            await Task.Delay(10);
        }
    }

    public static async Task<Dictionary<string, int>> WaitAllAsync(HttpClient client, IReadOnlyList<string> ids, TimeSpan timeout)
    {
        var outcomes = new Dictionary<string, int>();
        var pending = new Queue<string>(ids);
        var deadline = Stopwatch.StartNew();
        while (pending.Count > 0 && deadline.Elapsed < timeout)
        {
            var id = pending.Peek();
            if (await DecisionAsync(client, id) is { } outcome)
            {
                pending.Dequeue();
                outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
            }
            else
            {
                await Task.Delay(50);
            }
        }
        if (pending.Count > 0)
            throw new TimeoutException($"{pending.Count} sessions were not decided within {timeout}");
        return outcomes;
    }

    /// <summary>The decision and its reasons, e.g. <c>approved</c> or <c>review (mrz_not_found)</c>; null while undecided.</summary>
    private static async Task<string?> DecisionAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/v1/sessions/{id}");
        var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        if (session.GetProperty("decision").ValueKind == JsonValueKind.Null)
            return null;
        var reasons = session.GetProperty("review_reasons").EnumerateArray().Select(r => r.GetString()).ToList();
        return session.GetProperty("decision").GetString() + (reasons.Count > 0 ? $" ({string.Join(',', reasons)})" : "");
    }
}

static class Report
{
    public static void Latency(string title, List<double> milliseconds, Dictionary<string, int> outcomes)
    {
        milliseconds.Sort();
        double At(double q) => milliseconds[Math.Min(milliseconds.Count - 1, (int)Math.Ceiling(q * milliseconds.Count) - 1)];
        Console.WriteLine($"{title}: p50 {At(0.50):F0} ms, p90 {At(0.90):F0} ms, p99 {At(0.99):F0} ms, max {milliseconds[^1]:F0} ms");
        Console.WriteLine("  outcomes: " + string.Join(", ", outcomes.OrderBy(o => o.Key).Select(o => $"{o.Key} {o.Value}")));
    }
}
