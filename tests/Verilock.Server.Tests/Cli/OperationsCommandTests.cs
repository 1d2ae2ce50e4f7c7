using System.Reflection;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Migrations;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Cli;

/// <summary>
/// <c>migrate</c>, <c>backup --to</c>, <c>lists refresh</c> and <c>Verilock:Database:MigrateAtStartup</c>, run as real
/// processes of the built server over a fresh data folder: exact outputs and exit codes.
/// </summary>
public sealed class OperationsCommandTests : IAsyncLifetime
{
    private readonly string _parent = Directory.CreateTempSubdirectory("verilock-ops-").FullName;
    private ListServer _lists = null!;

    private string DataDir => Path.Combine(_parent, "data");

    public async ValueTask InitializeAsync() => _lists = await ListServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        await _lists.DisposeAsync();
        Directory.Delete(_parent, recursive: true);
    }

    private Task<(int Exit, string[] Lines, string Error)> RunAsync(Dictionary<string, string> environment, params string[] args) =>
        CliProcess.RunAsync(DataDir, null, environment, args);

    private Task<(int Exit, string[] Lines, string Error)> RunAsync(params string[] args) => RunAsync([], args);

    /// <summary>The SQLite migrations the build holds, oldest first, as EF Core names them.</summary>
    private static List<string> SqliteMigrations() =>
        typeof(DatabaseMigrator).Assembly.GetTypes()
            .Where(t => t.Namespace?.EndsWith(".Sqlite", StringComparison.Ordinal) == true)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    private static readonly Dictionary<string, string> NoMigrating = new() { ["VERILOCK__DATABASE__MIGRATEATSTARTUP"] = "false" };

    [Fact]
    public async Task Migrate_on_a_fresh_data_folder_applies_every_migration_then_finds_none_pending()
    {
        var migrations = SqliteMigrations();
        Assert.True(migrations.Count > 10);

        var (exit, lines, error) = await RunAsync("migrate");
        Assert.True(exit == 0, error);
        Assert.Equal(
            migrations.Select(m => $"Applied {m}").Append($"The database is up to date; applied {migrations.Count} migrations."),
            lines);

        var (again, secondLines, _) = await RunAsync("migrate");
        Assert.Equal(0, again);
        Assert.Equal(["The database is up to date; no migration was pending."], secondLines);

        await using var db = new SqliteConnection($"Data Source={Path.Combine(DataDir, "verilock.db")};Pooling=False");
        await db.OpenAsync();
        await using var count = db.CreateCommand();
        count.CommandText = "SELECT count(*) FROM \"__EFMigrationsHistory\"";
        Assert.Equal(migrations.Count, Convert.ToInt32(await count.ExecuteScalarAsync()));
    }

    [Fact]
    public async Task With_MigrateAtStartup_off_serve_and_commands_refuse_pending_migrations_naming_verilock_migrate()
    {
        var migrations = SqliteMigrations();
        var expected = $"The database has {migrations.Count} pending migrations (up to {migrations[^1]}) and " +
                       "Verilock:Database:MigrateAtStartup is false: run `verilock migrate` with the same settings first, then start again.";

        var (serveExit, served, serveError) = await RunAsync(NoMigrating, "serve", "--urls", "http://127.0.0.1:0");
        Assert.Equal(1, serveExit);
        Assert.Empty(served);
        Assert.Equal(expected, serveError.Trim());

        var (keysExit, _, keysError) = await RunAsync(NoMigrating, "keys", "create", "--account", "acme");
        Assert.Equal(1, keysExit);
        Assert.Equal(expected, keysError.Trim());

        Assert.Equal(0, (await RunAsync("migrate")).Exit);
        var (created, lines, error) = await RunAsync(NoMigrating, "keys", "create", "--account", "acme");
        Assert.True(created == 0, error);
        Assert.Matches("^qi_test_[0-9a-f]{48}$", lines[^1]);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Backup_refuses_an_existing_file_and_a_missing_database_and_sends_PostgreSQL_to_pg_dump()
    {
        var target = Path.Combine(_parent, "copy.db");

        var (missing, _, missingError) = await RunAsync("backup", "--to", target);
        Assert.Equal(1, missing);
        Assert.Equal($"No SQLite database at {Path.Combine(DataDir, "verilock.db")}.", missingError.Trim());
        Assert.False(File.Exists(target));

        Assert.Equal(0, (await RunAsync("migrate")).Exit);
        var (exit, lines, error) = await RunAsync("backup", "--to", target);
        Assert.True(exit == 0, error);
        Assert.Equal($"Copied {Path.Combine(DataDir, "verilock.db")} to {target} ({new FileInfo(target).Length} bytes, quick_check ok).", lines[0]);
        Assert.StartsWith($"Not in the copy: the master key files in {DataDir} (media.key", lines[1]);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(target));

        File.WriteAllText(target, "keep me");
        var (again, againLines, againError) = await RunAsync("backup", "--to", target);
        Assert.Equal(2, again);
        Assert.Empty(againLines);
        Assert.Equal($"{target} already exists; verilock backup never overwrites a file.", againError.Trim());
        Assert.Equal("keep me", File.ReadAllText(target));

        var (postgres, _, postgresError) = await RunAsync(new Dictionary<string, string>
        {
            ["VERILOCK__DATABASE__PROVIDER"] = "postgres",
            ["VERILOCK__DATABASE__CONNECTIONSTRING"] = "Host=db.invalid;Database=verilock",
        }, "backup", "--to", Path.Combine(_parent, "pg.dump"));
        Assert.Equal(2, postgres);
        Assert.Equal("The database is PostgreSQL: back it up with pg_dump (e.g. pg_dump --format=custom --file=verilock.dump DATABASE); " +
                     "verilock backup copies SQLite databases only.", postgresError.Trim());
        Assert.False(File.Exists(Path.Combine(_parent, "pg.dump")));
    }

    [Fact]
    public async Task Lists_refresh_fetches_now_reports_each_version_and_keeps_the_last_good_copy_on_failure()
    {
        var environment = new Dictionary<string, string>
        {
            ["VERILOCK__AML__SOURCES__UN_SC"] = _lists.Url("un/consolidated.xml").ToString(),
            ["VERILOCK__AML__SOURCES__US_OFAC_SDN"] = "",
            ["VERILOCK__AML__SOURCES__EU_FSF"] = "",
            ["VERILOCK__AML__SOURCES__GB_OFSI"] = "",
        };
        _lists.Put("un/consolidated.xml", Encoding.UTF8.GetBytes(TestLists.UnXml(new DateOnly(2026, 3, 2), [TestLists.Standing])));

        var (exit, lines, error) = await RunAsync(environment, "lists", "refresh");
        Assert.True(exit == 0, error);
        Assert.Equal(["un_sc: updated to version 2026-03-02 (2 entities)", "1 list: 1 updated, 0 unchanged, 0 failed."], lines);
        Assert.True(File.Exists(Path.Combine(DataDir, "aml-lists", "un_sc", "consolidated.xml")));

        var (unchanged, unchangedLines, _) = await RunAsync(environment, "lists", "refresh");
        Assert.Equal(0, unchanged);
        Assert.Equal(["un_sc: unchanged, version 2026-03-02 (2 entities)", "1 list: 0 updated, 1 unchanged, 0 failed."], unchangedLines);

        _lists.Remove("un/consolidated.xml");
        var (failed, failedLines, failedError) = await RunAsync(environment, "lists", "refresh");
        Assert.Equal(1, failed);
        Assert.Equal(["un_sc: failed, kept version 2026-03-02 (2 entities)", "1 list: 0 updated, 0 unchanged, 1 failed."], failedLines);
        Assert.Contains("un_sc", failedError); // the reason, on stderr
    }
}
