using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Aml;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Configurations;

namespace Verilock.Infrastructure.Aml;

/// <summary>A standalone screening that monitoring re-runs, with what its latest run left.</summary>
/// <param name="LastScreenedAt">Its latest run's time, else its own.</param>
/// <param name="Previous">The matches of its latest run, else its own: what a new run's matches are compared with.</param>
/// <param name="LastRunKey">The monitoring key of its latest run (a run of the current key means it is done).</param>
/// <param name="Mark">Where monitoring left it (<c>aml_monitoring_state</c>), if it was ever re-screened since that table exists.</param>
public sealed record MonitoredScreening(
    string Id, Guid AccountId, string? ReferenceId, AmlQuery Query, IReadOnlyList<string> Lists, double Threshold,
    MonitoringFrequency Frequency, DateTime LastScreenedAt, IReadOnlyList<AmlMatch> Previous, string? LastRunKey, MonitoringMark? Mark);

/// <summary>An approved monitored session, with its latest screening (its AML step's or the last run of it), if any.</summary>
public sealed record MonitoredSession(
    string Id, Guid AccountId, string? ReferenceId, MonitoringFrequency Frequency, DateTime? CompletedAt, LatestScreening? Latest,
    MonitoringMark? Mark);

/// <summary>An item's <c>aml_monitoring_state</c> row: when and by which run it was last re-screened, against which lists.</summary>
public sealed record MonitoringMark(DateTime At, string RunKey, string BasisKey);

public sealed record LatestScreening(
    string Id, bool IsMonitoringRun, string? ParentScreeningId, AmlQuery Query, IReadOnlyList<string> Lists, double Threshold,
    IReadOnlyList<AmlMatch> Matches, DateTime CreatedAt, string? MonitoringKey);

/// <summary>
/// The read side of a monitoring run: pages of what is monitored, in id order after a cursor, each row with its latest
/// run joined in by index (one seek per row). Plain ADO.NET on one open connection and one prepared statement per
/// page shape, because a run reads every monitored customer: a million rows through EF's materializer cost more than
/// screening them. Live mode only: test-mode objects are never monitored. Not thread-safe; one per run.
/// </summary>
public sealed class MonitoringReads : IAsyncDisposable
{
    private const string ScreeningColumns = """
        p.id, p.account_id, p.reference_id, p.query_full_name, p.query_first_name, p.query_last_name,
        p.query_date_of_birth, p.query_nationality, p.lists, p.threshold, p.matches, p.monitoring_frequency, p.created_at,
        r.created_at, r.matches, r.monitoring_key, m.last_run_at, m.last_run_key, m.basis_key
        """;

    private const string ScreeningFilter = $"""
        p.{AmlScreeningConfiguration.MonitoredFilter} AND p.status = 'clear' AND p.id > @after
          AND p.live_mode AND NOT p.is_monitoring_run AND p.session_id IS NULL
        """;

    private const string SessionColumns = """
        s.id, s.account_id, s.reference_id, s.monitoring_frequency, s.completed_at,
        l.id, l.is_monitoring_run, l.parent_screening_id, l.query_full_name, l.query_first_name, l.query_last_name,
        l.query_date_of_birth, l.query_nationality, l.lists, l.threshold, l.matches, l.created_at, l.monitoring_key,
        m.last_run_at, m.last_run_key, m.basis_key
        """;

    private const string SessionFilter = $"""
        s.{AmlScreeningConfiguration.MonitoredFilter} AND s.status = 'approved' AND s.id > @after AND s.live_mode
        """;

    // SQLite: the latest run's rowid from the (parent_screening_id, created_at) index, then the row by rowid.
    private const string SqliteScreenings = $"""
        SELECT {ScreeningColumns}
        FROM aml_screenings p
        LEFT JOIN aml_screenings r ON r.rowid = (
            SELECT x.rowid FROM aml_screenings x WHERE x.parent_screening_id = p.id ORDER BY x.created_at DESC, x.rowid DESC LIMIT 1)
        LEFT JOIN aml_monitoring_state m ON m.monitored_id = p.id
        WHERE {ScreeningFilter}
        ORDER BY p.id LIMIT @limit
        """;

    private const string SqliteSessions = $"""
        SELECT {SessionColumns}
        FROM sessions s
        LEFT JOIN aml_screenings l ON l.rowid = (
            SELECT x.rowid FROM aml_screenings x
            WHERE x.account_id = s.account_id AND x.live_mode = s.live_mode AND x.session_id = s.id
            ORDER BY x.created_at DESC, x.rowid DESC LIMIT 1)
        LEFT JOIN aml_monitoring_state m ON m.monitored_id = s.id
        WHERE {SessionFilter}
        ORDER BY s.id LIMIT @limit
        """;

    // PostgreSQL: the mark by primary key, row by row, as a LATERAL subquery that LIMIT 1 keeps from being pulled up into
    // a plain join: with the marks joined plainly, reading took 40-47 s of a 1M run against 11-15 s before the marks.
    private const string PostgresMark = "SELECT y.last_run_at, y.last_run_key, y.basis_key FROM aml_monitoring_state y WHERE y.monitored_id";

    private const string PostgresScreenings = $"""
        SELECT {ScreeningColumns}
        FROM aml_screenings p
        LEFT JOIN LATERAL (
            SELECT x.created_at, x.matches, x.monitoring_key FROM aml_screenings x
            WHERE x.parent_screening_id = p.id ORDER BY x.created_at DESC, x.id DESC LIMIT 1) r ON TRUE
        LEFT JOIN LATERAL ({PostgresMark} = p.id LIMIT 1) m ON TRUE
        WHERE {ScreeningFilter}
        ORDER BY p.id LIMIT @limit
        """;

    private const string PostgresSessions = $"""
        SELECT {SessionColumns}
        FROM sessions s
        LEFT JOIN LATERAL (
            SELECT x.* FROM aml_screenings x
            WHERE x.account_id = s.account_id AND x.live_mode = s.live_mode AND x.session_id = s.id
            ORDER BY x.created_at DESC, x.id DESC LIMIT 1) l ON TRUE
        LEFT JOIN LATERAL ({PostgresMark} = s.id LIMIT 1) m ON TRUE
        WHERE {SessionFilter}
        ORDER BY s.id LIMIT @limit
        """;

    private readonly VerilockDbContext _db;
    private readonly Dictionary<string, (DbCommand Command, DbParameter After, DbParameter Limit)> _commands = new(StringComparer.Ordinal);

    // Most rows name the same lists and matched nothing: parse each distinct text once.
    private readonly Dictionary<string, IReadOnlyList<string>> _lists = new(StringComparer.Ordinal);

    private MonitoringReads(VerilockDbContext db) => _db = db;

    /// <summary>Reads through <paramref name="db"/>'s connection, opened here and kept open until disposed.</summary>
    public static async Task<MonitoringReads> OpenAsync(VerilockDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new MonitoringReads(db);
    }

    /// <summary>Up to <paramref name="limit"/> monitored clear standalone screenings with ids after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<MonitoredScreening>> ScreeningsAsync(string after, int limit, CancellationToken cancellationToken)
    {
        var command = Command(_db.IsSqlite ? SqliteScreenings : PostgresScreenings, after, limit);
        var rows = new List<MonitoredScreening>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var own = Matches(reader.GetString(10));
            var lastRunAt = reader.IsDBNull(13) ? (DateTime?)null : Time(reader, 13);
            rows.Add(new MonitoredScreening(
                reader.GetString(0), AccountId(reader, 1), Text(reader, 2),
                new AmlQuery(Text(reader, 3), Text(reader, 4), Text(reader, 5), Text(reader, 6), Text(reader, 7)),
                Lists(reader.GetString(8)), reader.GetDouble(9), Frequency(reader.GetString(11)),
                lastRunAt ?? Time(reader, 12),
                lastRunAt is null ? own : Matches(reader.GetString(14)),
                Text(reader, 15), Mark(reader, 16)));
        }
        return rows;
    }

    /// <summary>Up to <paramref name="limit"/> approved monitored sessions with ids after <paramref name="after"/>.</summary>
    public async Task<IReadOnlyList<MonitoredSession>> SessionsAsync(string after, int limit, CancellationToken cancellationToken)
    {
        var command = Command(_db.IsSqlite ? SqliteSessions : PostgresSessions, after, limit);
        var rows = new List<MonitoredSession>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var latest = reader.IsDBNull(5)
                ? null
                : new LatestScreening(
                    reader.GetString(5), reader.GetBoolean(6), Text(reader, 7),
                    new AmlQuery(Text(reader, 8), Text(reader, 9), Text(reader, 10), Text(reader, 11), Text(reader, 12)),
                    Lists(reader.GetString(13)), reader.GetDouble(14), Matches(reader.GetString(15)), Time(reader, 16), Text(reader, 17));
            rows.Add(new MonitoredSession(
                reader.GetString(0), AccountId(reader, 1), Text(reader, 2), Frequency(reader.GetString(3)),
                reader.IsDBNull(4) ? null : Time(reader, 4), latest, Mark(reader, 18)));
        }
        return rows;
    }

    private DbCommand Command(string sql, string after, int limit)
    {
        if (!_commands.TryGetValue(sql, out var prepared))
        {
            var command = _db.Database.GetDbConnection().CreateCommand();
            command.CommandText = sql;
            prepared = (command, Add(command, "after", ""), Add(command, "limit", 0));
            command.Prepare();
            _commands[sql] = prepared;
        }
        prepared.After.Value = after;
        prepared.Limit.Value = limit;
        return prepared.Command;
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static MonitoringMark? Mark(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new MonitoringMark(Time(reader, ordinal), reader.GetString(ordinal + 1), reader.GetString(ordinal + 2));

    private static string? Text(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    // EF Core's SQLite provider stores a Guid as upper-case text and an instant as text; PostgreSQL has uuid and timestamptz.
    private static Guid AccountId(DbDataReader reader, int ordinal) =>
        reader.GetFieldType(ordinal) == typeof(Guid) ? reader.GetGuid(ordinal) : Guid.Parse(reader.GetString(ordinal));

    private static DateTime Time(DbDataReader reader, int ordinal) => DateTime.SpecifyKind(reader.GetDateTime(ordinal), DateTimeKind.Utc);

    private static MonitoringFrequency Frequency(string value) => AmlScreeningConfiguration.ParseFrequency(value);

    private IReadOnlyList<string> Lists(string json)
    {
        if (!_lists.TryGetValue(json, out var lists))
        {
            lists = JsonSerializer.Deserialize<IReadOnlyList<string>>(json, StorageJson.Options)!;
            if (_lists.Count < 1000)
                _lists[json] = lists;
        }
        return lists;
    }

    internal static IReadOnlyList<AmlMatch> Matches(string json) =>
        json == "[]" ? [] : JsonSerializer.Deserialize<IReadOnlyList<AmlMatch>>(json, StorageJson.Options)!;

    public async ValueTask DisposeAsync()
    {
        foreach (var prepared in _commands.Values)
            await prepared.Command.DisposeAsync();
        await _db.Database.CloseConnectionAsync();
    }
}
