using Microsoft.Data.Sqlite;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Cli;

/// <summary><c>backup --to</c> against a running server's SQLite database while sessions are being created.</summary>
public sealed class BackupDuringWritesTests(SqliteApiFixture api) : ApiTests(api), IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task A_backup_taken_during_writes_opens_passes_its_check_and_holds_every_row_committed_before_it()
    {
        var caller = await Api.NewCallerAsync();
        for (var i = 0; i < 20; i++)
            await CreateAsync(caller.Client);

        using var stop = new CancellationTokenSource();
        var created = 0;
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await CreateAsync(caller.Client);
                Interlocked.Increment(ref created);
            }
        })).ToList();
        while (Volatile.Read(ref created) < 20)
            await Task.Delay(10);

        var before = await CountAsync(Path.Combine(Api.Database.DataDirectory, "verilock.db"), caller.AccountId);
        var target = Path.Combine(Api.Database.DataDirectory, $"backup-{Guid.NewGuid():N}.db");
        var (exit, lines, error) = await CliProcess.RunAgainstAsync(Api, null, "backup", "--to", target);
        var during = Volatile.Read(ref created);
        await stop.CancelAsync();
        await Task.WhenAll(writers);
        Assert.True(exit == 0, error);
        Assert.StartsWith("Copied ", lines[0]);
        Assert.True(during > 40, $"only {during} sessions were created while the backup ran");

        var copied = await CountAsync(target, caller.AccountId);
        var after = await CountAsync(Path.Combine(Api.Database.DataDirectory, "verilock.db"), caller.AccountId);
        Assert.InRange(copied, before, after);
        await using var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        Assert.Equal("ok", await ScalarAsync(copy, "PRAGMA integrity_check"));
        Assert.Equal("delete", await ScalarAsync(copy, "PRAGMA journal_mode"));
        Assert.False(File.Exists(target + "-wal"));
    }

    private static async Task<long> CountAsync(string file, Guid accountId)
    {
        await using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sessions WHERE account_id = $account";
        command.Parameters.AddWithValue("$account", accountId.ToString().ToUpperInvariant());
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync())?.ToString();
    }
}
