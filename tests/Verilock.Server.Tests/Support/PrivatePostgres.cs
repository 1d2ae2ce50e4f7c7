using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Verilock.Server.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of one test's own, from the machine's server binaries (as <c>scripts/postgres.sh</c> starts
/// the shared one), so the test can stop and restart it without disturbing every other PostgreSQL test. As root it
/// runs as the <c>postgres</c> user, which PostgreSQL requires.
/// </summary>
public sealed class PrivatePostgres : TestDatabase
{
    private readonly string _bin;
    private readonly string _folder;
    private readonly int _port;

    private PrivatePostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        _port = port;
    }

    public override string Provider => "postgres";

    public override string ConnectionString =>
        $"Host=127.0.0.1;Port={_port};Username=verilock;Database=postgres;Pooling=true;Timeout=5;Command Timeout=15";

    /// <summary>Why the cluster cannot be made here (no server binaries), or null.</summary>
    public static string? Missing => BinFolder() is null ? "PostgreSQL server binaries not found (apt-get install postgresql); ./test.sh installs them." : null;

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = BinFolder() ?? throw new InvalidOperationException(Missing);
        var folder = Directory.CreateTempSubdirectory("verilock-pg-private-").FullName;
        if (IsRoot)
            await RunAsync("chown", "postgres:", folder);
        var cluster = new PrivatePostgres(bin, folder, FreePort());
        await cluster.AsOwnerAsync(Path.Combine(bin, "initdb"), "-D", cluster.DataFolder, "-U", "verilock", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        await cluster.StartServerAsync();
        return cluster;
    }

    private string DataFolder => Path.Combine(_folder, "data");

    public Task StartServerAsync() => AsOwnerAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataFolder, "-l", Path.Combine(_folder, "server.log"),
        "-o", $"-c listen_addresses=127.0.0.1 -c port={_port} -c unix_socket_directories={_folder} -c fsync=off", "-w", "-t", "60", "start");

    /// <summary>Immediate shutdown: connections are cut at once, as when the database host dies.</summary>
    public Task StopServerAsync() => AsOwnerAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataFolder, "-m", "immediate", "-w", "stop");

    public override async ValueTask DisposeAsync()
    {
        try
        {
            await AsOwnerAsync(Path.Combine(_bin, "pg_ctl"), "-D", DataFolder, "-m", "immediate", "-w", "stop");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        Directory.Delete(_folder, recursive: true);
        await base.DisposeAsync();
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsOwnerAsync(string program, params string[] args) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static string? BinFolder() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderBy(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .LastOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
