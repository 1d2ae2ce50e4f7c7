using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Verilock.Server.Tests.Support;

/// <summary>
/// A real server process (the built <c>Verilock.Server.dll</c>) for tests that must crash it: SIGKILL runs no
/// shutdown code, exactly like a power cut or an OOM kill.
/// </summary>
public sealed class TestServerProcess
{
    private static readonly string ServerDll = Path.Combine(AppContext.BaseDirectory, "Verilock.Server.dll");

    private readonly Process _process;
    private readonly int _port;
    private readonly ConcurrentQueue<string> _output;

    private TestServerProcess(Process process, int port, ConcurrentQueue<string> output)
    {
        _process = process;
        _port = port;
        _output = output;
    }

    public static async Task<TestDatabase> DatabaseAsync(string provider)
    {
        if (provider == "sqlite")
            return new SqliteTestDatabase();
        var postgres = new PostgresTestDatabase();
        if (postgres.Unavailable is { } reason)
            Assert.Skip(reason);
        await postgres.CreateAsync();
        return postgres;
    }

    /// <summary>The database, offline sanctions lists (readiness waits for them; these machines cannot download), no rate limit.</summary>
    public static Dictionary<string, string> Environment(TestDatabase database, params (string Key, string Value)[] extra)
    {
        var environment = new Dictionary<string, string>
        {
            ["VERILOCK__DATABASE__PROVIDER"] = database.Provider,
            ["VERILOCK__RATELIMIT__PERMITPERMINUTE"] = "0",
            ["VERILOCK__AML__LISTSDIRECTORY"] = TestLists.WriteSmallDirectory(Path.Combine(database.DataDirectory, "lists")),
            ["VERILOCK__CHECKS__MODELSDIRECTORY"] = Repository.Models,
        };
        if (database.ConnectionString is { } connection)
            environment["VERILOCK__DATABASE__CONNECTIONSTRING"] = connection;
        foreach (var (key, value) in extra)
            environment[key] = value;
        return environment;
    }

    public static async Task<string> CreateKeyAsync(TestDatabase database, Dictionary<string, string> environment, string mode)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { ServerDll, "keys", "create", "--account", "crash", "--mode", mode, "--data-dir", database.DataDirectory })
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, error);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // A new account and mode also gets its default webhook secret, shown once beside the key.
        Assert.Contains(lines, line => line.StartsWith("whsec_", StringComparison.Ordinal));
        return lines[^1].Trim();
    }

    /// <summary>Starts a server and returns it with a client holding the key, once <c>/readyz</c> answers.</summary>
    public static async Task<(TestServerProcess Server, HttpClient Client)> StartAsync(
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

    private static TestServerProcess Start(TestDatabase database, Dictionary<string, string> environment)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { ServerDll, "serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", database.DataDirectory })
            start.ArgumentList.Add(arg);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        var process = Process.Start(start)!;
        var output = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new TestServerProcess(process, port, output);
    }

    /// <summary>A client with the key once the server answers <c>/readyz</c>; null if the process exited.</summary>
    private async Task<HttpClient?> ReadyClientAsync(string key)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_port}") };
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
            if (_process.HasExited)
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

    /// <summary>Everything the server wrote to standard output and error so far (its console log).</summary>
    public IReadOnlyList<string> Output => _output.ToArray();

    /// <summary>Whether the process ended on its own (a crashed host) or was killed.</summary>
    public bool HasExited => _killed || _process.HasExited;

    private bool _killed;

    /// <summary>SIGKILL: no shutdown code runs. A second call does nothing.</summary>
    public void Kill()
    {
        if (_killed)
            return;
        _killed = true;
        if (!_process.HasExited)
            _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
