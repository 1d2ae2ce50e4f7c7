// Cluster benchmark (issue 17 item 4): three server instances sharing one PostgreSQL behind Debian's nginx.
// Measures document-check throughput at one and at three instances (real OCR, live keys), then drives the whole
// sandbox flow through the balancer — create, upload, submit, checks, operator decisions, webhooks to a local
// receiver, a dashboard sign-in whose cookie works on every instance — SIGKILLs one instance mid-run and restarts
// it, and checks that every session reached a decision exactly once and every event was delivered.
//
//   dotnet Verilock.Bench.Cluster.dll --server <Verilock.Server.dll> --data-dir <dir> --lists <sanctions dir> --models <dir>
//        [--sessions 300] [--concurrency 16] [--documents 24]
//
// The database comes from the environment (VERILOCK__DATABASE__*), as for the server. The last line is the verdict.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Verilock.Bench.Support;
using Verilock.Checks.Samples;

var options = Options.Parse(args);
var testKey = await ServerProcess.CreateKeyAsync(options.ServerDll, options.DataDir, "bench-cluster", "test");
var liveKey = await ServerProcess.CreateKeyAsync(options.ServerDll, options.DataDir, "bench-cluster", "live");
const string operatorEmail = "ops@bench.example";
const string operatorPassword = "a long benchmark passphrase";
await ServerProcess.RunCommandAsync(options.ServerDll, options.DataDir, operatorPassword,
    "operators", "create", "--account", "bench-cluster", "--email", operatorEmail);
var environment = new Dictionary<string, string>
{
    ["VERILOCK__CHECKS__MODELSDIRECTORY"] = options.Models,
    ["VERILOCK__AML__LISTSDIRECTORY"] = options.Lists,
    ["VERILOCK__RATELIMIT__PERMITPERMINUTE"] = "0",
    // The receiver is on 127.0.0.1, which webhooks may only reach in development.
    ["VERILOCK__WEBHOOKS__ALLOWINSECURETARGETS"] = "true",
    ["Logging__LogLevel__Default"] = "Warning",
};
var photos = SampleSet.All().Where(p => p.Condition == PhotoCondition.Clean).ToList();
Console.WriteLine($"sessions {options.Sessions}, concurrency {options.Concurrency}, live documents {options.Documents} per phase");

var instances = new ServerProcess?[3];
instances[0] = await ServerProcess.StartAsync(options.ServerDll, options.DataDir, environment);
try
{
    // Phase 1: one instance decides document-only live sessions; its two workers read them with the real OCR.
    using (var direct = Api.Create($"http://127.0.0.1:{instances[0]!.Port}", liveKey))
        await Documents.MeasureAsync("1 instance", new Api(direct), photos, options.Documents, options.Concurrency);

    for (var i = 1; i < 3; i++)
        instances[i] = await ServerProcess.StartAsync(options.ServerDll, options.DataDir, environment);
    var ports = instances.Select(s => s!.Port).ToArray();
    await using var nginx = await Nginx.StartAsync(Path.Combine(options.DataDir, "nginx"), ports);
    var balanced = $"http://127.0.0.1:{nginx.Port}";
    Console.WriteLine($"nginx on :{nginx.Port} over instances on :{string.Join(", :", ports)}");

    // Phase 2: the same through the balancer with three instances, six workers, on the same two cores.
    using (var live = Api.Create(balanced, liveKey))
        await Documents.MeasureAsync("3 instances", new Api(live), photos, options.Documents, options.Concurrency);

    // Phase 3: the whole flow, with a kill.
    await Dashboard.SignInEverywhereAsync(balanced, ports, operatorEmail, operatorPassword);
    await using var hooks = await HookCollector.StartAsync();
    using var http = Api.Create(balanced, testKey);
    var api = new Api(http);
    await api.PostJsonAsync("/api/v1/webhooks/endpoints", $$"""{"url":"{{hooks.Url}}","events":["*"]}""",
        "cluster-endpoint", HttpStatusCode.Created);

    var run = DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture);
    var killAt = options.Sessions * 2 / 5;
    var started = 0;
    var killed = Task.CompletedTask;
    var ids = new string?[options.Sessions];
    var clock = Stopwatch.StartNew();
    await Parallel.ForAsync(0, options.Sessions, new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency }, async (i, _) =>
    {
        if (Interlocked.Increment(ref started) == killAt)
            killed = KillAndRestartAsync(1);
        ids[i] = await Flow.RunAsync(api, $"clu-{run}-{i}", review: i % 5 == 0, photos[i % photos.Count].Bytes);
    });
    await killed;
    var decided = await Flow.AwaitDecisionsAsync(api, ids!, TimeSpan.FromMinutes(5));
    var elapsed = clock.Elapsed.TotalSeconds;
    var undelivered = await Flow.AwaitDeliveriesAsync(api, TimeSpan.FromMinutes(2));
    var duplicatedSessions = await Flow.DuplicatedReferencesAsync(api, run, options.Sessions);

    var received = hooks.Received;
    var completed = received.Where(d => d.Event == "session.completed").GroupBy(d => d.SessionId)
        .ToDictionary(g => g.Key!, g => g.Select(d => d.WebhookId).Distinct().Count());
    var duplicatedDecisions = completed.Count(c => c.Value > 1);
    var notified = ids.Count(id => id is not null && completed.ContainsKey(id));
    var redelivered = received.Count - received.Select(d => d.WebhookId).Distinct().Count();
    var lost = options.Sessions - decided;
    Console.WriteLine($"flow: {options.Sessions} sessions in {elapsed:F1} s = {options.Sessions / elapsed:F1} sessions/s through nginx, " +
        $"{api.Retries} requests retried by the client");
    Console.WriteLine($"sessions {options.Sessions}, decided {decided}, lost {lost}, duplicated {duplicatedSessions + duplicatedDecisions}, " +
        $"deliveries {received.Count}, redelivered {redelivered}, undelivered {undelivered}, completed events {notified}/{options.Sessions}, " +
        $"killed 1 of 3 at session {killAt}");
    return lost == 0 && duplicatedSessions + duplicatedDecisions == 0 && undelivered == 0 && notified == options.Sessions ? 0 : 1;
}
finally
{
    foreach (var instance in instances)
        if (instance is not null)
            await instance.DisposeAsync();
}

async Task KillAndRestartAsync(int index)
{
    var port = instances[index]!.Port;
    instances[index]!.Kill();
    Console.WriteLine($"SIGKILL instance on :{port}");
    await Task.Delay(TimeSpan.FromSeconds(5));
    instances[index] = await ServerProcess.StartAsync(options.ServerDll, options.DataDir, environment, port);
    Console.WriteLine($"instance on :{port} restarted");
}

sealed record Options(string ServerDll, string DataDir, string Lists, string Models, int Sessions, int Concurrency, int Documents)
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
            Int("--sessions", 300), Int("--concurrency", 16), Int("--documents", 24));
    }
}
