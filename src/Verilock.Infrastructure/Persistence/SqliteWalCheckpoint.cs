using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace Verilock.Infrastructure.Persistence;

/// <summary>
/// Empties SQLite's write-ahead log after a change that must leave nothing behind (a redaction). A committed
/// update lives first as a new page image in <c>verilock.db-wal</c>, and the WAL keeps the pages' earlier images
/// (with the applicant's name) until it is reset; <c>secure_delete</c> (<see cref="SqlitePragmas"/>) zeroes what
/// a change frees in the pages themselves. <c>wal_checkpoint(TRUNCATE)</c> copies the WAL into the database and
/// truncates it to zero bytes, so both old images and the WAL's copy of the new ones are gone.
/// </summary>
/// <remarks>
/// TRUNCATE (like RESTART) must wait until no reader still uses an older snapshot; PASSIVE never waits but also
/// never resets the WAL, so the old images would stay in the file. TRUNCATE is the only mode that removes them, so
/// it is the one tried, under this process's write gate (in-process writers queue there rather than in SQLite's
/// busy handler) and with the busy timeout cut to <see cref="ReaderWait"/> so a long reader cannot hold every
/// writer for the usual 30 s. When readers still block it, it reports that it did not complete: the caller
/// retries later (<c>Housekeeping</c>), and meanwhile the WAL is still copied into the database as far as it can be.
/// </remarks>
public static class SqliteWalCheckpoint
{
    /// <summary>How long the checkpoint waits for readers on older snapshots before giving up for now.</summary>
    public static readonly TimeSpan ReaderWait = TimeSpan.FromSeconds(2);

    /// <summary>True when the WAL was emptied (or the database is not SQLite); false when readers kept it.</summary>
    public static Task<bool> TruncateAsync(VerilockDbContext db, CancellationToken cancellationToken)
    {
        if (!db.IsSqlite)
            return Task.FromResult(true);
        return SqliteWriteGate.RunAsync(db, async () =>
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                var connection = db.Database.GetDbConnection();
                await ExecuteAsync(connection, $"PRAGMA busy_timeout={(int)ReaderWait.TotalMilliseconds};", cancellationToken);
                try
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    // One row: busy (1 when it could not finish), WAL frames, frames checkpointed.
                    return await reader.ReadAsync(cancellationToken) && reader.GetInt64(0) == 0;
                }
                finally
                {
                    await ExecuteAsync(connection, SqlitePragmas.BusyTimeout, CancellationToken.None);
                }
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }, cancellationToken);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
