using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Verilock.Domain.Aml;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Configurations;

namespace Verilock.Infrastructure.Aml;

/// <summary>
/// Bulk inserts of monitoring-run screenings that raised no event, inside the caller's transaction: binary
/// <c>COPY</c> on PostgreSQL, one prepared single-row <c>INSERT</c> re-bound per row on SQLite (measured: a 64-row
/// statement took 4× longer per row, as Microsoft.Data.Sqlite binds every parameter by name). The rows are
/// <see cref="AmlScreeningRows"/>, exactly what EF Core writes for an <see cref="AmlScreening"/>. Runs that raised an
/// event go through <see cref="VerilockDbContext.SaveChangesAsync(bool, CancellationToken)"/> instead, in the same transaction, so their outbox rows are written where every other event's are.
/// One per run and connection; not thread-safe.
/// </summary>
/// <remarks>
/// On SQLite the writer's connection gets a large page cache for the run (the random-order indexes, id and
/// reference, stay in memory between batches) and checkpoints the WAL itself every <see cref="CheckpointRows"/> rows,
/// after a commit and outside the write lock (<see cref="CheckpointAsync"/>), instead of inside every commit: most of
/// a checkpoint is the fsync of the pages it copies, and the random index pages a batch dirties are mostly the same
/// ones the next batches dirty again, so copying them once per several batches is far cheaper (measured: per row,
/// 120 µs checkpointing after every 2,000 rows, 70 µs after every 10,000). Both are put back when the run ends.
/// </remarks>
public sealed class MonitoringRunInserts : IAsyncDisposable
{
    private const string RunPragmas = "PRAGMA cache_size=-262144; PRAGMA wal_autocheckpoint=0;";
    private const string DefaultPragmas = "PRAGMA cache_size=-2000; PRAGMA wal_autocheckpoint=1000;";

    private readonly VerilockDbContext _db;

    private MonitoringRunInserts(VerilockDbContext db) => _db = db;

    /// <summary>Opens <paramref name="db"/>'s connection for the run (it stays open until disposed).</summary>
    public static async Task<MonitoringRunInserts> OpenAsync(VerilockDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        if (db.IsSqlite)
            await db.Database.ExecuteSqlRawAsync(RunPragmas, cancellationToken);
        return new MonitoringRunInserts(db);
    }

    /// <summary>
    /// SQLite, after a commit, once <see cref="CheckpointRows"/> rows have been written since the last time: copies the
    /// WAL into the database and has the next writer start it afresh. Other writers wait for it (busy timeout), readers do not.
    /// </summary>
    public async Task CheckpointAsync(bool force, CancellationToken cancellationToken)
    {
        var since = _sinceCheckpoint + _marksSinceCheckpoint / MarksPerRow;
        if (!_db.IsSqlite || since == 0 && _marksSinceCheckpoint == 0 || !force && since < CheckpointRows)
            return;
        // Under this process's write gate: a RESTART checkpoint holds new writers off anyway, and in-process writers
        // then queue on the gate instead of sleeping in SQLite's busy handler while holding it.
        await SqliteWriteGate.RunAsync(_db, () => _db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(RESTART);", cancellationToken), cancellationToken);
        _sinceCheckpoint = 0;
        _marksSinceCheckpoint = 0;
    }

    /// <summary>
    /// Counts marks written in the batch (<see cref="MonitoringStateWrites"/>) towards the next checkpoint, so a run that
    /// writes few runs still checkpoints its WAL now and then: the marks of a batch are neighbouring rows, a few pages,
    /// where each run row dirties its own pages in three random-order indexes.
    /// </summary>
    public void Marked(int count) => _marksSinceCheckpoint += count;

    /// <summary>Marks that weigh as much in the WAL as one run row, roughly (a mark is ~60 bytes in one id-ordered table).</summary>
    private const int MarksPerRow = 50;

    private int _marksSinceCheckpoint;

    /// <summary>Rows written between two SQLite checkpoints (the WAL then holds roughly 100 MB).</summary>
    public const int CheckpointRows = 10_000;

    private SqliteCommand? _insert;
    private int _sinceCheckpoint;

    /// <summary>Inserts <paramref name="runs"/> in the context's current transaction (the caller's batch).</summary>
    public async Task InsertAsync(IReadOnlyList<AmlScreening> runs, CancellationToken cancellationToken)
    {
        if (runs.Count == 0)
            return;
        var transaction = _db.Database.CurrentTransaction ?? throw new InvalidOperationException("Monitoring runs are inserted inside the batch's transaction.");
        if (_db.IsSqlite)
            await InsertSqliteAsync(runs, (SqliteTransaction)transaction.GetDbTransaction(), cancellationToken);
        else
            await CopyPostgresAsync(runs, cancellationToken);
    }

    private async Task InsertSqliteAsync(IReadOnlyList<AmlScreening> runs, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        _insert ??= AmlScreeningRows.PrepareSqliteInsert((SqliteConnection)_db.Database.GetDbConnection(), transaction);
        _insert.Transaction = transaction;
        foreach (var run in runs)
            await AmlScreeningRows.InsertSqliteAsync(_insert, run, cancellationToken);
        _sinceCheckpoint += runs.Count;
    }

    private Task CopyPostgresAsync(IReadOnlyList<AmlScreening> runs, CancellationToken cancellationToken) =>
        AmlScreeningRows.CopyPostgresAsync((NpgsqlConnection)_db.Database.GetDbConnection(), runs, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_insert is not null)
            await _insert.DisposeAsync();
        try
        {
            // The connection goes back to the pool: give it back as it was.
            if (_db.IsSqlite)
                await _db.Database.ExecuteSqlRawAsync(DefaultPragmas);
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }
    }
}
