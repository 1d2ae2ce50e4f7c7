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
/// statement took 4× longer per row, as Microsoft.Data.Sqlite binds every parameter by name). The rows are exactly what EF Core writes
/// for an <see cref="AmlScreening"/> (same columns, same text formats, the same JSON for lists and matches; version
/// 0). Runs that raised an event go through <see cref="VerilockDbContext.SaveChangesAsync(bool, CancellationToken)"/>
/// instead, in the same transaction, so their outbox rows are written where every other event's are.
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

    private static readonly string[] Columns =
    [
        "id", "account_id", "live_mode", "status", "reference_id", "session_id",
        "query_full_name", "query_first_name", "query_last_name", "query_date_of_birth", "query_nationality",
        "lists", "threshold", "highest_score", "matches", "decision", "decision_reason", "decided_by", "decided_at",
        "monitoring_enabled", "monitoring_frequency", "is_monitoring_run", "parent_screening_id", "monitoring_key",
        "screened_at", "created_at", "version",
    ];

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
        var command = Statement(transaction);
        var parameters = command.Parameters;
        foreach (var run in runs)
        {
            var values = Values(run);
            for (var column = 0; column < Columns.Length; column++)
                parameters[column].Value = values[column] ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        _sinceCheckpoint += runs.Count;
    }

    private SqliteCommand Statement(SqliteTransaction transaction)
    {
        if (_insert is null)
        {
            _insert = (SqliteCommand)_db.Database.GetDbConnection().CreateCommand();
            _insert.CommandText =
                $"INSERT INTO aml_screenings ({string.Join(", ", Columns)}) VALUES ({string.Join(", ", Columns.Select(c => "$" + c))})";
            foreach (var column in Columns)
                _insert.Parameters.Add(new SqliteParameter { ParameterName = "$" + column });
            _insert.Transaction = transaction;
            _insert.Prepare();
        }
        _insert.Transaction = transaction;
        return _insert;
    }

    /// <summary>The row in <see cref="Columns"/> order, in EF Core's SQLite storage formats.</summary>
    private static object?[] Values(AmlScreening s) =>
    [
        s.Id, s.AccountId.ToString().ToUpperInvariant(), s.LiveMode, s.Status.ToWire(), s.ReferenceId, s.SessionId,
        s.Query.FullName, s.Query.FirstName, s.Query.LastName, s.Query.DateOfBirth, s.Query.Nationality,
        ListsJson(s.Lists), s.Threshold, s.HighestScore, MatchesJson(s.Matches),
        s.Decision?.ToWire(), s.DecisionReason, s.DecidedBy, s.DecidedAt,
        s.MonitoringEnabled, s.MonitoringFrequency.ToWire(), s.IsMonitoringRun, s.ParentScreeningId, s.MonitoringKey,
        s.ScreenedAt, s.CreatedAt, 0,
    ];

    private async Task CopyPostgresAsync(IReadOnlyList<AmlScreening> runs, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)_db.Database.GetDbConnection();
        await using var copy = await connection.BeginBinaryImportAsync(
            $"COPY aml_screenings ({string.Join(", ", Columns)}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var s in runs)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(s.Id, NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(s.AccountId, NpgsqlDbType.Uuid, cancellationToken);
            await copy.WriteAsync(s.LiveMode, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(s.Status.ToWire(), NpgsqlDbType.Varchar, cancellationToken);
            await WriteAsync(copy, s.ReferenceId, cancellationToken);
            await WriteAsync(copy, s.SessionId, cancellationToken);
            await WriteAsync(copy, s.Query.FullName, cancellationToken);
            await WriteAsync(copy, s.Query.FirstName, cancellationToken);
            await WriteAsync(copy, s.Query.LastName, cancellationToken);
            await WriteAsync(copy, s.Query.DateOfBirth, cancellationToken);
            await WriteAsync(copy, s.Query.Nationality, cancellationToken);
            await copy.WriteAsync(ListsJson(s.Lists), NpgsqlDbType.Text, cancellationToken);
            await copy.WriteAsync(s.Threshold, NpgsqlDbType.Double, cancellationToken);
            await copy.WriteAsync(s.HighestScore, NpgsqlDbType.Double, cancellationToken);
            await copy.WriteAsync(MatchesJson(s.Matches), NpgsqlDbType.Text, cancellationToken);
            await WriteAsync(copy, s.Decision?.ToWire(), cancellationToken);
            await WriteAsync(copy, s.DecisionReason, cancellationToken);
            await WriteAsync(copy, s.DecidedBy, cancellationToken);
            if (s.DecidedAt is { } decidedAt)
                await copy.WriteAsync(decidedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            else
                await copy.WriteNullAsync(cancellationToken);
            await copy.WriteAsync(s.MonitoringEnabled, NpgsqlDbType.Boolean, cancellationToken);
            await copy.WriteAsync(s.MonitoringFrequency.ToWire(), NpgsqlDbType.Varchar, cancellationToken);
            await copy.WriteAsync(s.IsMonitoringRun, NpgsqlDbType.Boolean, cancellationToken);
            await WriteAsync(copy, s.ParentScreeningId, cancellationToken);
            await WriteAsync(copy, s.MonitoringKey, cancellationToken);
            await copy.WriteAsync(s.ScreenedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(s.CreatedAt, NpgsqlDbType.TimestampTz, cancellationToken);
            await copy.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
        }
        await copy.CompleteAsync(cancellationToken);
    }

    private static Task WriteAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken cancellationToken) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Varchar, cancellationToken);

    private static string ListsJson(IReadOnlyList<string> lists) => JsonSerializer.Serialize(lists, StorageJson.Options);

    private static string MatchesJson(IReadOnlyList<AmlMatch> matches) =>
        matches.Count == 0 ? "[]" : JsonSerializer.Serialize(matches, StorageJson.Options);

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
