// Transaction monitoring benchmark (issue 19): POST /api/v1/transactions/screen/batch with 100 transactions, against a
// real server process (the built Verilock.Server.dll). See docs/benchmarks.md.
//
//   dotnet Verilock.Bench.Transactions.dll --server <Verilock.Server.dll> --data-dir <dir> [--mode live|test]
//        [--lists <dir>] [--batches 200] [--seconds 20] [--concurrency 4] [--senders 2000]
//
// Senders are drawn from a pool of --senders accounts, so every item's velocity and new-recipient reads find history.
// The database comes from the environment (VERILOCK__DATABASE__PROVIDER / CONNECTIONSTRING), as for the server.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Verilock.Bench.Support;

var options = Options.Parse(args);
var key = await ServerProcess.CreateKeyAsync(options.ServerDll, options.DataDir, "bench-transactions", options.Mode);
var environment = new Dictionary<string, string> { ["VERILOCK__RATELIMIT__PERMITPERMINUTE"] = "0", ["Logging__LogLevel__Default"] = "Warning" };
if (options.Lists is not null)
    environment["VERILOCK__AML__LISTSDIRECTORY"] = options.Lists;
await using var server = await ServerProcess.StartAsync(options.ServerDll, options.DataDir, environment);
using var client = server.Client(key);
var random = new Random(19);

// The live lists load after /readyz in some set-ups: wait until a batch is accepted.
for (var i = 0; i < 300 && (await PostAsync(client, Batch(random, options))).Status == HttpStatusCode.ServiceUnavailable; i++)
    await Task.Delay(200);
for (var i = 0; i < 20; i++)
    await PostAsync(client, Batch(random, options));

// Phase 1: one batch at a time.
var latencies = new List<double>();
for (var i = 0; i < options.Batches; i++)
    latencies.Add((await PostAsync(client, Batch(random, options))).Milliseconds);
latencies.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"batch of 100, one at a time ({options.Batches} batches, mode {options.Mode}): p50 {Percentile(latencies, 0.50):F1} ms, p90 {Percentile(latencies, 0.90):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms"));

// Phase 2: sustained, --concurrency batches in flight.
var cpuBefore = server.Cpu;
var clock = Stopwatch.StartNew();
var deadline = TimeSpan.FromSeconds(options.Seconds);
var failures = 0;
var counts = await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async worker =>
{
    var own = new Random(worker);
    var screened = 0;
    while (clock.Elapsed < deadline)
    {
        var result = await PostAsync(client, Batch(own, options));
        if (result.Status == HttpStatusCode.OK)
            screened += 100;
        else
            Interlocked.Increment(ref failures);
    }
    return screened;
}));
var seconds = clock.Elapsed.TotalSeconds;
var total = counts.Sum();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"sustained ({options.Concurrency} batches in flight, {seconds:F1} s): {total} transactions, {total / seconds:F0} transactions/s, {failures} failed batches, server CPU {(server.Cpu - cpuBefore).TotalSeconds / seconds * 100:F0}% of one core"));

static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

static async Task<(HttpStatusCode Status, double Milliseconds)> PostAsync(HttpClient client, string body)
{
    var start = Stopwatch.GetTimestamp();
    using var response = await client.PostAsync("/api/v1/transactions/screen/batch", new StringContent(body, Encoding.UTF8, "application/json"));
    await response.Content.ReadAsByteArrayAsync();
    return (response.StatusCode, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
}

static string Batch(Random random, Options options)
{
    string[] types = ["wire_transfer", "card_payment", "crypto_transfer", "ach_transfer", "p2p_payment"];
    string[] names = ["Jean Dupont", "Maria Garcia Lopez", "Patricia Lucas Wheeler", "Eric Badege", "Wei Zhang", "Olga Petrova", "Acme Trading Ltd"];
    string[] countries = ["US", "GB", "FR", "DE", "IR", "MM", "NG", "BR"];
    var items = new JsonArray();
    for (var i = 0; i < 100; i++)
    {
        items.Add(new JsonObject
        {
            ["type"] = types[random.Next(types.Length)],
            ["amount"] = Math.Round(random.NextDouble() * 20_000, 2) + 1,
            ["currency"] = random.Next(4) == 0 ? "EUR" : "USD",
            ["reference_id"] = "b-" + Guid.NewGuid().ToString("N")[..12],
            ["sender"] = new JsonObject { ["name"] = names[random.Next(names.Length)], ["account"] = "s" + random.Next(options.Senders), ["country"] = "US" },
            ["receiver"] = new JsonObject
            {
                ["name"] = names[random.Next(names.Length)], ["account"] = "r" + random.Next(options.Senders), ["country"] = countries[random.Next(countries.Length)],
            },
            ["metadata"] = new JsonObject { ["merchant_category"] = "5411" },
        });
    }
    return new JsonObject { ["transactions"] = items }.ToJsonString();
}

internal sealed record Options(string ServerDll, string DataDir, string Mode, string? Lists, int Batches, int Seconds, int Concurrency, int Senders)
{
    public static Options Parse(string[] args)
    {
        string? Get(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        int Int(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        return new Options(
            Get("--server") ?? throw new ArgumentException("--server is required"), Get("--data-dir") ?? throw new ArgumentException("--data-dir is required"),
            Get("--mode") ?? "live", Get("--lists"), Int("--batches", 200), Int("--seconds", 20), Int("--concurrency", 4), Int("--senders", 2000));
    }
}
