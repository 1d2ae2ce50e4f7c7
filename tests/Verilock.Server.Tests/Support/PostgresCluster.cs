using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Npgsql;

namespace Verilock.Server.Tests.Support;

/// <summary>
/// A PostgreSQL cluster of the test's own (its own data folder and port, from the machine's server binaries, as
/// <c>scripts/postgres.sh</c> finds them), so a test can stop and start it without disturbing the shared server of
/// <see cref="PostgresTestDatabase"/>. Password authentication, so a test can look for the password in the logs.
/// <c>fsync</c> is off (only an OS crash loses the page cache, and a stop kills processes, not the kernel);
/// <c>synchronous_commit</c> stays on, so an immediate stop never loses a commit that was acknowledged.
/// </summary>
public sealed class PostgresCluster : TestDatabase
{
    private readonly string _bin;
    private readonly string _root = Directory.CreateTempSubdirectory("verilock-pgcluster-").FullName;
    private readonly int _port = FreePort();
    private bool _running;

    private PostgresCluster(string bin) => _bin = bin;

    public override string Provider => "postgres";

    /// <summary>Never logged by a healthy server: the test looks for it in the server's output.</summary>
    public string Password { get; } = "pw" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    public override string ConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = _port, Username = "verilock", Password = Password, Database = "verilock",
    }.ConnectionString;

    private string Data => Path.Combine(_root, "data");

    /// <summary>Initialises and starts a cluster with an empty <c>verilock</c> database; skips when the binaries are missing.</summary>
    public static async Task<PostgresCluster> StartNewAsync()
    {
        var bin = FindBinaries();
        if (bin is null)
        {
            const string missing = "PostgreSQL server binaries (initdb, pg_ctl) not found; apt-get install postgresql.";
            if (Environment.GetEnvironmentVariable("CI") is not null)
                throw new InvalidOperationException(missing);
            Assert.Skip(missing);
        }
        var cluster = new PostgresCluster(bin);
        try
        {
            var passwordFile = Path.Combine(cluster._root, "password");
            await File.WriteAllTextAsync(passwordFile, cluster.Password);
            if (IsRoot)
                await RunAsync("chown", "-R", "postgres:", cluster._root);
            await cluster.RunOwnerAsync("initdb", "-D", cluster.Data, "-U", "verilock", "--auth=scram-sha-256",
                "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C.UTF-8");
            File.Delete(passwordFile);
            await cluster.StartAsync();
            var admin = new NpgsqlConnectionStringBuilder(cluster.ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("CREATE DATABASE verilock", connection);
            await command.ExecuteNonQueryAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync()
    {
        var options = $"-c listen_addresses=127.0.0.1 -c port={_port} -c unix_socket_directories={_root} " +
                      "-c max_connections=300 -c fsync=off -c full_page_writes=off";
        await RunOwnerAsync("pg_ctl", "-D", Data, "-l", Path.Combine(_root, "server.log"), "-o", options, "-w", "-t", "60", "start");
        _running = true;
    }

    /// <param name="mode"><c>fast</c> (clients are told 57P01 and disconnected) or <c>immediate</c> (every process killed, crash recovery at the next start).</param>
    public async Task StopAsync(string mode)
    {
        await RunOwnerAsync("pg_ctl", "-D", Data, "-m", mode, "-w", "-t", "60", "stop");
        _running = false;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_running)
        {
            try { await StopAsync("immediate"); }
            catch (InvalidOperationException) { }
        }
        Directory.Delete(_root, recursive: true);
        await base.DisposeAsync();
    }

    private Task RunOwnerAsync(string tool, params string[] args) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited {process.ExitCode}: {await output}{await error}");
    }

    /// <summary>The newest <c>/usr/lib/postgresql/N/bin</c>, else the folder of <c>initdb</c> on the PATH.</summary>
    private static string? FindBinaries()
    {
        var versioned = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1, Bin: Path.Combine(d, "bin")))
                .Where(d => d.Version >= 0 && File.Exists(Path.Combine(d.Bin, "initdb")))
                .OrderByDescending(d => d.Version).Select(d => d.Bin).FirstOrDefault()
            : null;
        return versioned ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .FirstOrDefault(d => d.Length > 0 && File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
    }

    // PostgreSQL refuses to run as root; as root, the cluster is the "postgres" user's (as in scripts/postgres.sh).
    private static bool IsRoot => Environment.UserName == "root";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
