using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Verilock.Bench.Support;

/// <summary>
/// A real Verilock server process (the built <c>Verilock.Server.dll</c>) on a free loopback port, for benchmarks
/// that must measure what an operator runs. The database comes from the environment, as for the server.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;

    private ServerProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary><c>keys create</c> for <paramref name="account"/>; returns the secret printed last.</summary>
    public static async Task<string> CreateKeyAsync(string serverDll, string dataDir, string account, string mode) =>
        (await RunCommandAsync(serverDll, dataDir, null, "keys", "create", "--account", account, "--mode", mode))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1].Trim();

    /// <summary>Runs one command of the server's command line to its end; returns its standard output.</summary>
    /// <param name="input">Written to its standard input (a password), or null for none.</param>
    public static async Task<string> RunCommandAsync(string serverDll, string dataDir, string? input, params string[] args)
    {
        var start = Start(serverDll, dataDir, new Dictionary<string, string>(), args);
        start.RedirectStandardInput = input is not null;
        using var process = Process.Start(start)!;
        if (input is not null)
        {
            await process.StandardInput.WriteLineAsync(input);
            process.StandardInput.Close();
        }
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{string.Join(' ', args.Take(2))} failed: {await error}");
        return await output;
    }

    /// <summary>
    /// Starts <c>serve</c> with <paramref name="environment"/> added, on <paramref name="port"/> (a free one if null: a
    /// restarted instance behind a load balancer keeps its port), and waits until <c>/readyz</c> answers 200.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string serverDll, string dataDir, IReadOnlyDictionary<string, string> environment, int? port = null)
    {
        port ??= FreePort();
        var start = Start(serverDll, dataDir, environment, "serve", "--urls", $"http://127.0.0.1:{port.Value}");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine("server: " + e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerProcess(process, port.Value);
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        // Three minutes: a loaded machine (load 40 on two cores) took over a minute to load the models and lists.
        for (var i = 0; i < 1800; i++)
        {
            try
            {
                if ((await probe.GetAsync("/readyz")).IsSuccessStatusCode)
                    return server;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        await server.DisposeAsync();
        throw new InvalidOperationException("server did not become ready within 3 minutes");
    }

    public TimeSpan Cpu
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>Resident memory of the server process now, in MiB.</summary>
    public double ResidentMiB
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64 / 1024.0 / 1024.0;
        }
    }

    public HttpClient Client(string key)
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { BaseAddress = new Uri($"http://127.0.0.1:{Port}") };
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        return client;
    }

    private static ProcessStartInfo Start(string serverDll, string dataDir, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(serverDll);
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        start.ArgumentList.Add("--data-dir");
        start.ArgumentList.Add(dataDir);
        foreach (var (name, value) in environment)
            start.Environment[name] = value;
        return start;
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a power cut or an OOM kill.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill();
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        // A graceful stop (SIGTERM), so the next phase starts from a quiet database.
        if (!_process.HasExited)
        {
            Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
            if (!_process.WaitForExit(30_000))
                _process.Kill();
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    /// <summary>A loopback port free now (another process may take it before it is bound; callers retry).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
