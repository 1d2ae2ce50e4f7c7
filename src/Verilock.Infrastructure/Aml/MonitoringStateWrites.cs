using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Infrastructure.Aml;

/// <summary>
/// Records that a batch's items were re-screened (<c>aml_monitoring_state</c>: when, by which run, against which
/// lists) in one statement for the whole batch, inside the batch's transaction: the ids go in as one JSON array
/// (SQLite, through <c>json_each</c>) or one <c>text[]</c> (PostgreSQL, through <c>unnest</c>). A batch is a run of
/// neighbouring ids and the table is keyed by id, so the statement rewrites a few neighbouring pages, not one page
/// per item as an update of the screenings themselves would.
/// </summary>
public static class MonitoringStateWrites
{
    private const string Upsert = """
        ON CONFLICT (monitored_id) DO UPDATE SET
          last_run_at = excluded.last_run_at, last_run_key = excluded.last_run_key, basis_key = excluded.basis_key
        """;

    // "WHERE true" tells SQLite's parser that ON CONFLICT belongs to the INSERT, not to a join of the SELECT.
    private const string Sqlite = $"""
        INSERT INTO aml_monitoring_state (monitored_id, last_run_at, last_run_key, basis_key)
        SELECT value, $at, $key, $basis FROM json_each($ids) WHERE true
        {Upsert}
        """;

    private const string Postgres = $"""
        INSERT INTO aml_monitoring_state (monitored_id, last_run_at, last_run_key, basis_key)
        SELECT id, @at, @key, @basis FROM unnest(@ids) AS id
        {Upsert}
        """;

    /// <summary>Marks <paramref name="ids"/> re-screened at <paramref name="at"/> by <paramref name="runKey"/> against <paramref name="basisKey"/>.</summary>
    public static Task<int> MarkAsync(
        VerilockDbContext db, IReadOnlyList<string> ids, DateTime at, string runKey, string basisKey, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
            return Task.FromResult(0);
        if (db.IsSqlite)
        {
            return db.Database.ExecuteSqlRawAsync(Sqlite, [
                new SqliteParameter("$ids", System.Text.Json.JsonSerializer.Serialize(ids)),
                new SqliteParameter("$at", at), new SqliteParameter("$key", runKey), new SqliteParameter("$basis", basisKey),
            ], cancellationToken);
        }
        return db.Database.ExecuteSqlRawAsync(Postgres, [
            new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = ids.ToArray() },
            new NpgsqlParameter("at", NpgsqlDbType.TimestampTz) { Value = DateTime.SpecifyKind(at, DateTimeKind.Utc) },
            new NpgsqlParameter("key", NpgsqlDbType.Varchar) { Value = runKey },
            new NpgsqlParameter("basis", NpgsqlDbType.Varchar) { Value = basisKey },
        ], cancellationToken);
    }
}
