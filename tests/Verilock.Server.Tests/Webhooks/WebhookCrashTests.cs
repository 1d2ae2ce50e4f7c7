using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Webhooks;

/// <summary>
/// Durability and multi-instance delivery, run as real server processes (the built <c>Verilock.Server.dll</c>)
/// delivering to a receiver on 127.0.0.1.
/// </summary>
public sealed class WebhookCrashTests
{
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "Verilock.Server.dll");

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Killing_the_server_with_SIGKILL_mid_delivery_loses_no_event(string provider)
    {
        await using var database = await DatabaseAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        // Slow answers and few attempts at once keep a backlog in flight when the server is killed.
        receiver.AnswerDelay = TimeSpan.FromMilliseconds(20);
        var environment = Environment(database, ("VERILOCK__WEBHOOKS__MAXCONCURRENCY", "4"));
        var key = await CreateKeyAsync(database, environment);

        var (server, client) = await ServerProcess.StartAsync(database, environment, key);
        var sessionIds = new List<string>();
        try
        {
            await (await client.PostJsonAsync("/api/v1/webhooks/endpoints", $$"""{"url":"{{receiver.Url()}}","events":["session.created"]}""")).ExpectAsync(HttpStatusCode.Created);
            await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
            {
                var body = await (await client.PostJsonAsync("/api/v1/sessions", """{"steps":["document"]}""")).ExpectAsync(HttpStatusCode.Created);
                lock (sessionIds)
                    sessionIds.Add((string)body["id"]!);
            });
            await receiver.WaitForCountAsync("/hook", 25);
        }
        finally
        {
            server.Kill();
            client.Dispose();
        }
        var beforeKill = DeliveredSessions(receiver).Count;
        Assert.True(beforeKill < sessionIds.Count, $"All {beforeKill} events were delivered before the kill; the test proves nothing.");

        var (restarted, restartedClient) = await ServerProcess.StartAsync(database, environment, key);
        restartedClient.Dispose();
        try
        {
            await receiver.WaitForAsync(_ => DeliveredSessions(receiver).IsSupersetOf(sessionIds), $"all {sessionIds.Count} events after the restart", seconds: 90);
        }
        finally
        {
            restarted.Kill();
        }
        Assert.All(receiver.At("/hook"), r => Assert.Equal("session.created", r.Event));
    }

    [Fact]
    public async Task Two_instances_sharing_PostgreSQL_never_send_the_same_attempt_twice()
    {
        await using var database = await DatabaseAsync("postgres");
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerDelay = TimeSpan.FromMilliseconds(5);
        // The default lease (30 s): a loaded machine must not turn slow outcomes into legitimate re-attempts here.
        var environment = Environment(database, ("VERILOCK__WEBHOOKS__POLLINTERVAL", "00:00:00.050"),
            ("VERILOCK__WEBHOOKS__REQUESTTIMEOUT", "00:00:10"), ("VERILOCK__WEBHOOKS__CLAIMLEASE", "00:00:30"));
        var key = await CreateKeyAsync(database, environment);
        var (first, one) = await ServerProcess.StartAsync(database, environment, key);
        ServerProcess? second = null;
        HttpClient? two = null;
        try
        {
            (second, two) = await ServerProcess.StartAsync(database, environment, key);
            await (await one.PostJsonAsync("/api/v1/webhooks/endpoints", $$"""{"url":"{{receiver.Url()}}","events":["*"]}""")).ExpectAsync(HttpStatusCode.Created);
            await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
                await (await (i % 2 == 0 ? one : two!).PostJsonAsync("/api/v1/sessions", """{"steps":["document"]}""")).ExpectAsync(HttpStatusCode.Created));
            await receiver.WaitForCountAsync("/hook", 300, seconds: 60);
            await Task.Delay(1000);
        }
        finally
        {
            first.Kill();
            second?.Kill();
            one.Dispose();
            two?.Dispose();
        }
        var received = receiver.At("/hook");
        // One delivery per event (fan-out split without duplicates), and no attempt sent twice.
        Assert.Equal(300, received.Select(r => r.WebhookId).Distinct().Count());
        Assert.Equal(300, received.Select(r => (string)r.Json["data"]!["session_id"]!).Distinct().Count());
        Assert.Equal(received.Count, received.Select(r => (r.WebhookId, r.Attempt)).Distinct().Count());
        Assert.Equal(300, received.Count);
    }

    private static HashSet<string> DeliveredSessions(WebhookReceiver receiver) =>
        receiver.At("/hook").Select(r => (string)r.Json["data"]!["session_id"]!).ToHashSet();

    private static async Task<TestDatabase> DatabaseAsync(string provider)
    {
        if (provider == "sqlite")
            return new SqliteTestDatabase();
        var postgres = new PostgresTestDatabase();
        if (postgres.Unavailable is { } reason)
            Assert.Skip(reason);
        await postgres.CreateAsync();
        return postgres;
    }

    private static Dictionary<string, string> Environment(TestDatabase database, params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["VERILOCK__DATABASE__PROVIDER"] = database.Provider,
            ["VERILOCK__WEBHOOKS__ALLOWINSECURETARGETS"] = "true",
            ["VERILOCK__WEBHOOKS__REQUESTTIMEOUT"] = "00:00:02",
            ["VERILOCK__WEBHOOKS__CLAIMLEASE"] = "00:00:03",
            ["VERILOCK__RATELIMIT__PERMITPERMINUTE"] = "0",
            // Offline sanctions lists: readiness waits for them, and these machines cannot download.
            ["VERILOCK__AML__LISTSDIRECTORY"] = TestLists.WriteSmallDirectory(Path.Combine(database.DataDirectory, "lists")),
            // Readiness also waits for the face models; the server's working directory is not the repository.
            ["VERILOCK__CHECKS__MODELSDIRECTORY"] = Repository.Models,
        };
        if (database.ConnectionString is { } connection)
            environment["VERILOCK__DATABASE__CONNECTIONSTRING"] = connection;
        foreach (var (key, value) in extra)
            environment[key] = value;
        return environment;
    }

    private static async Task<string> CreateKeyAsync(TestDatabase database, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { ServerDll, "keys", "create", "--account", "crash", "--mode", "test", "--data-dir", database.DataDirectory })
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.StartsWith("whsec_", StringComparison.Ordinal));
        return lines[^1].Trim();
    }

    private sealed class ServerProcess(Process process, int port, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        /// <summary>Starts a server and returns it with a client holding the key, once <c>/readyz</c> answers.</summary>
        public static async Task<(ServerProcess Server, HttpClient Client)> StartAsync(
            TestDatabase database, Dictionary<string, string> environment, string key)
        {
            // A free port can be taken by a parallel test before the server binds it; try another then.
            for (var attempt = 1; ; attempt++)
            {
                var server = Start(database, environment);
                var client = await server.ReadyClientAsync(key);
                if (client is not null)
                    return (server, client);
                server.Kill();
                Assert.True(attempt < 3, "The server exited while starting: " + string.Join(System.Environment.NewLine, server._output));
            }
        }

        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = output;

        private static ServerProcess Start(TestDatabase database, Dictionary<string, string> environment)
        {
            var port = FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { ServerDll, "serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", database.DataDirectory })
                start.ArgumentList.Add(arg);
            foreach (var (name, value) in environment)
                start.Environment[name] = value;
            var process = Process.Start(start)!;
            var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return new ServerProcess(process, port, output);
        }

        /// <summary>A client with the key once the server answers <c>/readyz</c>; null if the process exited.</summary>
        private async Task<HttpClient?> ReadyClientAsync(string key)
        {
            var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            client.DefaultRequestHeaders.Add("X-API-Key", key);
            for (var attempt = 0; attempt < 150; attempt++)
            {
                try
                {
                    if ((await client.GetAsync("/readyz")).IsSuccessStatusCode)
                        return client;
                }
                catch (HttpRequestException)
                {
                }
                if (process.HasExited)
                {
                    client.Dispose();
                    return null;
                }
                await Task.Delay(200);
            }
            // Never leave a stuck server behind: it would outlive the test run and load the machine.
            client.Dispose();
            Kill();
            throw new Xunit.Sdk.XunitException("The server did not become ready: " + string.Join(System.Environment.NewLine, _output));
        }

        /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or an OOM kill.</summary>
        public void Kill()
        {
            if (!process.HasExited)
                process.Kill();
            process.WaitForExit();
            process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
