using Microsoft.Data.Sqlite;

namespace Verilock.Infrastructure.Persistence;

/// <summary>
/// A consistent copy of a live SQLite database, through SQLite's online backup API: every page is copied in one
/// step inside one read transaction, so the copy is the database as of one instant, while the server's writers go on
/// (WAL: readers do not block them). The copy is checked and left as one self-contained file.
/// </summary>
public static class SqliteBackup
{
    public sealed record Result(string Source, long Bytes);

    /// <summary>The target exists already: a backup never replaces a file.</summary>
    public sealed class TargetExistsException(string target) : IOException($"{target} already exists.");

    /// <summary>There is no database file at the configured place to copy.</summary>
    public sealed class NoDatabaseException(string path) : IOException($"No SQLite database at {path}.");

    public static async Task<Result> CopyAsync(string connectionString, string target, CancellationToken cancellationToken)
    {
        var source = new SqliteConnectionStringBuilder(connectionString);
        var sourcePath = Path.GetFullPath(source.DataSource);
        if (!File.Exists(sourcePath))
            throw new NoDatabaseException(sourcePath);
        // Never opened to create: a mistyped data folder must not become an empty "backup".
        source.Mode = SqliteOpenMode.ReadWrite;
        source.Pooling = false;

        target = Path.GetFullPath(target);
        // Created here, owner-only from the first byte (the copy holds what the database holds), and only if absent:
        // CreateNew makes "refuse to overwrite" hold even against another backup started at the same moment.
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            await using (new FileStream(target, options))
            {
            }
        }
        catch (IOException) when (File.Exists(target) || Directory.Exists(target))
        {
            throw new TargetExistsException(target);
        }

        try
        {
            await using (var from = new SqliteConnection(source.ToString()))
            await using (var to = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
            {
                await from.OpenAsync(cancellationToken);
                await ExecuteAsync(from, SqlitePragmas.BusyTimeout, cancellationToken);
                await to.OpenAsync(cancellationToken);
                from.BackupDatabase(to);
                // The copy keeps the source's WAL flag; as a file to keep, it should need no -wal or -shm beside it.
                await ExecuteAsync(to, "PRAGMA journal_mode=DELETE;", cancellationToken);
                var check = await ScalarAsync(to, "PRAGMA quick_check;", cancellationToken);
                if (check != "ok")
                    throw new IOException($"The copy failed SQLite's quick_check: {check}");
            }
            return new Result(sourcePath, new FileInfo(target).Length);
        }
        catch
        {
            File.Delete(target);
            throw;
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<string?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (await command.ExecuteScalarAsync(cancellationToken))?.ToString();
    }
}
