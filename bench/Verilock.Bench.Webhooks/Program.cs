// Webhook delivery benchmark (issue 6): event → first attempt latency and deliveries per second to a local
// receiver, against real server processes (the built Verilock.Server.dll). See docs/benchmarks.md.
//
//   dotnet Verilock.Bench.Webhooks.dll --server <Verilock.Server.dll> --data-dir <dir>
//        [--latency-rate 100] [--latency-count 2000] [--endpoints 10] [--sustained-rate 150] [--sustained-seconds 20]
//        [--backlog 2000]
//
// The database comes from the environment (VERILOCK__DATABASE__PROVIDER / CONNECTIONSTRING), as for the server.
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Verilock.Bench.Support;

var options = Options.Parse(args);
await using var receiver = await Receiver.StartAsync();
Console.WriteLine($"receiver on {receiver.BaseUrl}");
var key = await Server.CreateKeyAsync(options);

// Phase 1: latency, one endpoint, sessions created at a steady rate.
await using (var server = await Server.StartAsync(options, dispatch: true))
{
    using var client = server.Client(key);
    await Api.CreateEndpointAsync(client, receiver.BaseUrl + "/e0");
    await Api.CreateSessionsAsync(client, 200, 100, receiver, "/e0"); // warm-up
    receiver.Reset();
    var sent = await Api.CreateSessionsAsync(client, options.LatencyCount, options.LatencyRate, receiver, "/e0");
    await receiver.WaitForAsync("/e0", sent.Keys, TimeSpan.FromSeconds(60));
    Report.Latency($"latency @ {options.LatencyRate}/s, 1 endpoint, {sent.Count} events", sent, receiver.FirstArrivals("/e0"));

    // Phase 2: sustained deliveries, each event fanned out to N endpoints.
    for (var i = 1; i < options.Endpoints; i++)
        await Api.CreateEndpointAsync(client, receiver.BaseUrl + $"/e{i}");
    receiver.Reset();
    var cpuBefore = server.Cpu;
    var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var count = options.SustainedRate * options.SustainedSeconds;
    var clock = Stopwatch.StartNew();
    var sustained = await Api.CreateSessionsAsync(client, count, options.SustainedRate, receiver, "/e0");
    var createSeconds = clock.Elapsed.TotalSeconds;
    var expected = sustained.Count * options.Endpoints;
    await receiver.WaitForTotalAsync(expected, TimeSpan.FromMinutes(5));
    Report.Throughput($"sustained: {sustained.Count} events at {options.SustainedRate}/s × {options.Endpoints} endpoints", receiver, expected, createSeconds);
    Report.Cpu(server.Cpu - cpuBefore, Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore, sustained.Count, expected);
    Report.Latency("  first attempt latency (endpoint e0) during the sustained run", sustained, receiver.FirstArrivals("/e0"));
}

// Phase 3: drain a backlog queued while no instance was delivering.
await using (var server = await Server.StartAsync(options, dispatch: false))
{
    using var client = server.Client(key);
    await Api.CreateSessionsAsync(client, options.Backlog, 10_000, receiver: null, path: null);
}
receiver.Reset();
var drainStart = Stopwatch.GetTimestamp();
await using (var server = await Server.StartAsync(options, dispatch: true, trace: System.Environment.GetEnvironmentVariable("WEBHOOKS_BENCH_TRACE")))
{
    var expectedBacklog = options.Backlog * options.Endpoints;
    var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    await receiver.WaitForTotalAsync(expectedBacklog, TimeSpan.FromMinutes(5));
    Report.Cpu(server.Cpu, Process.GetCurrentProcess().TotalProcessorTime - benchCpuBefore, 0, expectedBacklog);
    Report.Throughput($"backlog drain: {options.Backlog} events × {options.Endpoints} endpoints (from server start: {Stopwatch.GetElapsedTime(drainStart).TotalSeconds:F1} s)",
        receiver, expectedBacklog, null);
}

sealed record Options(string ServerDll, string DataDir, int LatencyRate, int LatencyCount, int Endpoints, int SustainedRate, int SustainedSeconds, int Backlog)
{
    public static Options Parse(string[] args)
    {
        string Get(string name, string? fallback = null)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback ?? throw new ArgumentException($"{name} is required");
        }
        int Int(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
        return new(Get("--server"), Get("--data-dir"), Int("--latency-rate", 100), Int("--latency-count", 2000), Int("--endpoints", 10),
            Int("--sustained-rate", 150), Int("--sustained-seconds", 20), Int("--backlog", 2000));
    }
}

/// <summary>Records every delivery: path, event's session id, arrival time.</summary>
sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private ConcurrentQueue<(string Path, string SessionId, long At)> _arrivals = new();

    private Receiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public static async Task<Receiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new Receiver(builder.Build());
        receiver._app.Run(receiver.HandleAsync);
        await receiver._app.StartAsync();
        receiver.BaseUrl = receiver._app.Urls.Single();
        return receiver;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var at = Stopwatch.GetTimestamp();
        using var document = await JsonDocument.ParseAsync(context.Request.Body);
        var sessionId = document.RootElement.GetProperty("data").TryGetProperty("session_id", out var id) ? id.GetString() ?? "" : "";
        _arrivals.Enqueue((context.Request.Path.Value!, sessionId, at));
        context.Response.StatusCode = 204;
    }

    public void Reset() => _arrivals = new();

    public IReadOnlyList<(string Path, string SessionId, long At)> Arrivals => _arrivals.ToArray();

    public Dictionary<string, long> FirstArrivals(string path)
    {
        var first = new Dictionary<string, long>();
        foreach (var a in Arrivals.Where(a => a.Path == path))
        {
            if (!first.TryGetValue(a.SessionId, out var at) || a.At < at)
                first[a.SessionId] = a.At;
        }
        return first;
    }

    public async Task WaitForAsync(string path, IEnumerable<string> sessionIds, TimeSpan timeout)
    {
        var expected = sessionIds.ToHashSet();
        var deadline = Stopwatch.StartNew();
        while (!Arrivals.Where(a => a.Path == path).Select(a => a.SessionId).ToHashSet().IsSupersetOf(expected) && deadline.Elapsed < timeout)
            await Task.Delay(50);
    }

    public async Task WaitForTotalAsync(int count, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (_arrivals.Count < count && deadline.Elapsed < timeout)
            await Task.Delay(50);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

static class Api
{
    public static async Task CreateEndpointAsync(HttpClient client, string url)
    {
        var response = await client.PostAsync("/api/v1/webhooks/endpoints",
            new StringContent($$"""{"url":"{{url}}","events":["session.created"]}""", Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"endpoint: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Creates sessions at <paramref name="rate"/> per second (open loop); returns session id → request start.</summary>
    public static async Task<ConcurrentDictionary<string, long>> CreateSessionsAsync(HttpClient client, int count, int rate, Receiver? receiver, string? path)
    {
        var sent = new ConcurrentDictionary<string, long>();
        var start = Stopwatch.GetTimestamp();
        var tasks = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate) - Stopwatch.GetElapsedTime(start);
            if (due > TimeSpan.FromMilliseconds(1))
                await Task.Delay(due);
            tasks.Add(CreateOneAsync());
        }
        await Task.WhenAll(tasks);
        return sent;

        async Task CreateOneAsync()
        {
            var at = Stopwatch.GetTimestamp();
            var response = await client.PostAsync("/api/v1/sessions", new StringContent("""{"steps":["document"]}""", Encoding.UTF8, "application/json"));
            var body = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.Created)
                throw new InvalidOperationException($"create: {(int)response.StatusCode} {body}");
            using var document = JsonDocument.Parse(body);
            sent[document.RootElement.GetProperty("id").GetString()!] = at;
        }
    }
}

static class Report
{
    public static void Latency(string title, IReadOnlyDictionary<string, long> sent, IReadOnlyDictionary<string, long> arrivals)
    {
        var latencies = sent.Where(s => arrivals.ContainsKey(s.Key))
            .Select(s => Stopwatch.GetElapsedTime(s.Value, arrivals[s.Key]).TotalMilliseconds).Order().ToArray();
        var missing = sent.Count - latencies.Length;
        double P(double q) => latencies.Length == 0 ? double.NaN : latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(q * latencies.Length) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title}: p50 {P(0.50):F1} ms, p90 {P(0.90):F1} ms, p99 {P(0.99):F1} ms, max {P(1):F1} ms (n={latencies.Length}, missing {missing})"));
    }

    public static void Throughput(string title, Receiver receiver, int expected, double? createSeconds)
    {
        var arrivals = receiver.Arrivals;
        if (arrivals.Count == 0)
        {
            Console.WriteLine($"{title}: nothing arrived");
            return;
        }
        var first = arrivals.Min(a => a.At);
        var last = arrivals.Max(a => a.At);
        var seconds = Stopwatch.GetElapsedTime(first, last).TotalSeconds;
        var perSecond = arrivals.GroupBy(a => (int)Stopwatch.GetElapsedTime(first, a.At).TotalSeconds).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        var steady = perSecond.Length > 2 ? perSecond[1..^1] : perSecond;
        var created = createSeconds is { } c ? string.Create(CultureInfo.InvariantCulture, $"; events were created over {c:F1} s") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{title}: {arrivals.Count}/{expected} delivered in {seconds:F1} s = {arrivals.Count / Math.Max(seconds, 0.001):F0} deliveries/s (whole seconds inside the run: min {steady.DefaultIfEmpty().Min()}, median {Median(steady)}, max {steady.DefaultIfEmpty().Max()}){created}"));
    }

    public static void Cpu(TimeSpan server, TimeSpan bench, int creates, int deliveries) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  CPU: server {server.TotalSeconds:F1} s ({server.TotalMilliseconds / deliveries:F2} ms per delivery, {creates} creates included), load generator + receiver {bench.TotalSeconds:F1} s"));

    private static int Median(int[] values) => values.Length == 0 ? 0 : values.Order().ElementAt(values.Length / 2);
}

/// <summary>The server process with this benchmark's settings.</summary>
static class Server
{
    public static Task<string> CreateKeyAsync(Options options) =>
        ServerProcess.CreateKeyAsync(options.ServerDll, options.DataDir, "bench-webhooks", "test");

    /// <param name="trace">A .nettrace path: the server records a CPU sampling trace there (EventPipe) until it stops.</param>
    public static Task<ServerProcess> StartAsync(Options options, bool dispatch, string? trace = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["VERILOCK__WEBHOOKS__DISPATCH"] = dispatch ? "true" : "false",
            ["VERILOCK__WEBHOOKS__ALLOWINSECURETARGETS"] = "true",
            ["VERILOCK__RATELIMIT__PERMITPERMINUTE"] = "0",
            ["Logging__LogLevel__Default"] = "Warning",
        };
        if (!string.IsNullOrEmpty(trace))
        {
            environment["DOTNET_EnableEventPipe"] = "1";
            environment["DOTNET_EventPipeOutputPath"] = trace;
            environment["DOTNET_EventPipeConfig"] = "Microsoft-DotNETCore-SampleProfiler:0:5,Microsoft-Windows-DotNETRuntime:4c14fccbd:5";
        }
        return ServerProcess.StartAsync(options.ServerDll, options.DataDir, environment);
    }
}
