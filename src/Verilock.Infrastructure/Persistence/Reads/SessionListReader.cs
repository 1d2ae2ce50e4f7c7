using System.Data.Common;
using System.Globalization;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Persistence.Reads;

/// <summary>
/// The list endpoint's reads (spec §8.2) in plain ADO.NET on prepared statements. This is the one hot read
/// path where EF Core's per-query overhead (expression funcletizing, a new command and, on SQLite, a fresh
/// statement compile per query) cost several times the queries themselves.
/// </summary>
/// <remarks>
/// Totals come from the status counters kept beside the sessions (all-time, or per day when the query has
/// dates), never from <c>count(*)</c> except through the reference-id index; deep pages use the day counters to find the day their first row falls in and only skip rows inside that day,
/// so page 50,000 costs about what page 1 does.
/// </remarks>
public abstract class SessionListReader
{
    /// <summary>Below this offset a plain OFFSET over the index is cheaper than reading the day counters.</summary>
    private const long DirectOffsetLimit = 2_000;

    /// <summary>Reads one page and its total.</summary>
    public async Task<SessionListPage> ReadAsync(SessionListQuery query, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        if (query.Offset < DirectOffsetLimit && connection.CanBatch)
            return await ReadInOneRoundTripAsync(connection, query, cancellationToken);

        var command = connection.Command(TotalSql(query));
        Bind(connection, command, query);
        var total = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        if (query.Offset >= total)
            return new SessionListPage([], total);
        return new SessionListPage(await PageAsync(connection, query, total, cancellationToken), total);
    }

    /// <summary>
    /// The earliest <c>expires_at</c> of the account's <c>created</c> sessions in this mode (null when there are
    /// none): one probe of the <c>(account, mode, status, expires_at)</c> index.
    /// </summary>
    public async Task<DateTime?> NextExpiryAsync(Guid accountId, bool liveMode, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var command = connection.Command(SessionListSql.NextExpiry);
        Set(command, SessionListSql.Account, connection.AccountId(accountId));
        Set(command, SessionListSql.LiveMode, liveMode);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.IsDBNull(0) ? null : DateTime.SpecifyKind(reader.GetDateTime(0), DateTimeKind.Utc);
    }

    /// <summary>
    /// A shallow page and its total sent together (PostgreSQL): one network round trip instead of two. A page
    /// read past the total is simply empty, so the page does not need the total first.
    /// </summary>
    private static async Task<SessionListPage> ReadInOneRoundTripAsync(
        ReadConnection connection, SessionListQuery query, CancellationToken cancellationToken)
    {
        var totalCommand = connection.Command(TotalSql(query));
        Bind(connection, totalCommand, query);
        var pageCommand = PageCommand(connection, query, dayEnd: null, query.Offset);
        await using var reader = await connection.ExecuteBatchAsync([totalCommand, pageCommand], cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var total = Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        await reader.NextResultAsync(cancellationToken);
        return new SessionListPage(await ReadRowsAsync(reader, query.Limit, cancellationToken), total);
    }

    protected abstract ValueTask<ReadConnection> OpenAsync(CancellationToken cancellationToken);

    private static string TotalSql(SessionListQuery query) =>
        query.ReferenceId is not null ? SessionListSql.CountByReference(query)
        : query.CreatedFrom is null && query.CreatedBefore is null ? SessionListSql.TotalFromTotals
        : SessionListSql.TotalFromDays(query);

    private static async Task<List<SessionListRow>> PageAsync(
        ReadConnection connection, SessionListQuery query, long total, CancellationToken cancellationToken)
    {
        var skip = query.Offset;
        DateTime? dayEnd = null;
        if (skip >= DirectOffsetLimit && query.ReferenceId is null)
        {
            var located = await LocateAsync(connection, query, skip, total, cancellationToken);
            if (located is null)
                return [];
            dayEnd = located.Value.Day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            skip = located.Value.SkipWithinDay;
        }

        await using var reader = await PageCommand(connection, query, dayEnd, skip).ExecuteReaderAsync(cancellationToken);
        return await ReadRowsAsync(reader, query.Limit, cancellationToken);
    }

    private static DbCommand PageCommand(ReadConnection connection, SessionListQuery query, DateTime? dayEnd, long skip)
    {
        var sql = skip > 0 && connection.SkipsByKey
            ? SessionListSql.PageFromSkippedKey(query, boundedToDay: dayEnd is not null)
            : SessionListSql.Page(query, boundedToDay: dayEnd is not null);
        var command = connection.Command(sql);
        Bind(connection, command, query);
        if (dayEnd is not null)
            Set(command, SessionListSql.CreatedBefore, dayEnd.Value);
        Set(command, SessionListSql.Limit, query.Limit);
        Set(command, SessionListSql.Offset, skip);
        return command;
    }

    private static async Task<List<SessionListRow>> ReadRowsAsync(DbDataReader reader, int limit, CancellationToken cancellationToken)
    {
        var rows = new List<SessionListRow>(limit);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new SessionListRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetDateTime(7),
                reader.IsDBNull(8) ? null : reader.GetDateTime(8)));
        }
        return rows;
    }

    /// <summary>
    /// Finds the day holding the <paramref name="offset"/>-th matching session (newest first) and how many of
    /// that day's rows precede it, walking the day counters from whichever end is nearer; null past the end.
    /// </summary>
    private static async Task<(DateOnly Day, long SkipWithinDay)?> LocateAsync(
        ReadConnection connection, SessionListQuery query, long offset, long total, CancellationToken cancellationToken)
    {
        var newestFirst = offset < total / 2;
        // The wanted row's position counted from the end the walk starts at.
        var target = newestFirst ? offset : total - 1 - offset;
        var found = await WalkAsync(connection, query, newestFirst, target, cancellationToken);
        if (found is not { } day)
            return null;
        // From the newest end, the rows before the target in its day are the page's skip; from the oldest end,
        // they are the rows after it.
        var skip = newestFirst ? target - day.RowsBefore : day.Rows - 1 - (target - day.RowsBefore);
        return (day.Day, skip);
    }

    /// <summary>Finds the day whose rows include position <paramref name="target"/> counted from one end.</summary>
    private static async Task<(DateOnly Day, long RowsBefore, long Rows)?> WalkAsync(
        ReadConnection connection, SessionListQuery query, bool newestFirst, long target, CancellationToken cancellationToken)
    {
        if (connection.ComputesRowsOnlyWhenRead)
            return await StreamDaysAsync(connection, query, newestFirst, target, cancellationToken);

        var command = connection.Command(SessionListSql.DayOfPosition(query, newestFirst));
        Bind(connection, command, query);
        Set(command, SessionListSql.Target, target);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
            return null; // Counters and rows can disagree for an instant under concurrent writes; past the end is empty anyway.
        var rows = reader.GetInt64(1);
        return (reader.GetFieldValue<DateOnly>(0), reader.GetInt64(2) - rows, rows);
    }

    /// <summary>Reads the days in order and stops at the wanted one (cheaper in process than a running sum in SQL).</summary>
    private static async Task<(DateOnly Day, long RowsBefore, long Rows)?> StreamDaysAsync(
        ReadConnection connection, SessionListQuery query, bool newestFirst, long target, CancellationToken cancellationToken)
    {
        var command = connection.Command(SessionListSql.Days(query, newestFirst));
        Bind(connection, command, query);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        long before = 0;
        while (await reader.ReadAsync(cancellationToken))
        {
            var rows = reader.GetInt64(1);
            if (before + rows > target)
                return (reader.GetFieldValue<DateOnly>(0), before, rows);
            before += rows;
        }
        return null;
    }

    /// <summary>Binds the filters the command's text uses.</summary>
    private static void Bind(ReadConnection connection, DbCommand command, SessionListQuery query)
    {
        Set(command, SessionListSql.Account, connection.AccountId(query.AccountId));
        Set(command, SessionListSql.LiveMode, query.LiveMode);
        var sql = command.CommandText;
        if (query.Status is not null && sql.Contains(SessionListSql.Status, StringComparison.Ordinal))
            Set(command, SessionListSql.Status, query.Status);
        if (sql.Contains(SessionListSql.CounterStatus, StringComparison.Ordinal))
            Set(command, SessionListSql.CounterStatus, query.Status ?? SessionCounters.AllStatuses);
        if (query.ReferenceId is not null && sql.Contains(SessionListSql.ReferenceId, StringComparison.Ordinal))
            Set(command, SessionListSql.ReferenceId, query.ReferenceId);
        if (query.CreatedFrom is { } from && sql.Contains(SessionListSql.CreatedFrom, StringComparison.Ordinal))
            Set(command, SessionListSql.CreatedFrom, from);
        if (query.CreatedBefore is { } before && sql.Contains(SessionListSql.CreatedBefore, StringComparison.Ordinal))
            Set(command, SessionListSql.CreatedBefore, before);
        if (query.FromDay is { } fromDay && sql.Contains(SessionListSql.FromDay, StringComparison.Ordinal))
            Set(command, SessionListSql.FromDay, fromDay);
        if (query.ToDay is { } toDay && sql.Contains(SessionListSql.ToDay, StringComparison.Ordinal))
            Set(command, SessionListSql.ToDay, toDay);
    }

    /// <summary>Sets a parameter, adding it on a command's first use (prepared commands keep theirs).</summary>
    private static void Set(DbCommand command, string name, object value)
    {
        if (command.Parameters.Contains(name))
        {
            command.Parameters[name].Value = value;
            return;
        }
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    /// <summary>A connection leased for one list request.</summary>
    protected abstract class ReadConnection : IAsyncDisposable
    {
        /// <summary>A command for <paramref name="sql"/>, prepared and reused where the provider allows.</summary>
        public abstract DbCommand Command(string sql);

        /// <summary>The account id as the provider stores it.</summary>
        public abstract object AccountId(Guid accountId);

        /// <summary>
        /// Whether the database computes each row only when the reader asks for it (SQLite, in process), so a reader
        /// that stops early saves the rest of the statement's work; the deep-page day walk then reads the day counters
        /// here (<see cref="StreamDaysAsync"/>). A PostgreSQL server runs a statement to its end however little the
        /// client reads, so there the walk is one query that finds the day (<see cref="SessionListSql.DayOfPosition"/>).
        /// </summary>
        public virtual bool ComputesRowsOnlyWhenRead => false;

        /// <summary>Whether pages past the first should skip rows by key (<see cref="SessionListSql.PageFromSkippedKey"/>).</summary>
        public virtual bool SkipsByKey => false;

        /// <summary>Whether <see cref="ExecuteBatchAsync"/> saves anything: it does across a network, not in process.</summary>
        public virtual bool CanBatch => false;

        /// <summary>Runs built commands as one batch; the reader yields one result set per command.</summary>
        public virtual Task<DbDataReader> ExecuteBatchAsync(IReadOnlyList<DbCommand> commands, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public abstract ValueTask DisposeAsync();
    }
}
