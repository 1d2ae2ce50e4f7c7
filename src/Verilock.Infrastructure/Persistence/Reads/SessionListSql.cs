using System.Collections.Concurrent;
using System.Text;

namespace Verilock.Infrastructure.Persistence.Reads;

/// <summary>
/// The SQL of the list endpoint, valid on SQLite and PostgreSQL alike; where the two databases are fastest
/// with different statements (the deep-page day search, the skip within a day), each reader picks its variant.
/// Each optional filter adds its own predicate rather than an <c>@p IS NULL OR …</c> form, so every variant
/// keeps its index; the texts are few and stable, which lets each connection keep them prepared.
/// </summary>
internal static class SessionListSql
{
    public const string Account = "@account";
    public const string LiveMode = "@live_mode";
    public const string Status = "@status";
    public const string CounterStatus = "@counter_status";
    public const string ReferenceId = "@reference_id";
    public const string CreatedFrom = "@created_from";
    public const string CreatedBefore = "@created_before";
    public const string FromDay = "@from_day";
    public const string ToDay = "@to_day";
    public const string Limit = "@limit";
    public const string Offset = "@offset";
    public const string Target = "@target";

    /// <summary>The earliest expiry among the account's <c>created</c> sessions, from the (account, mode, status, expires_at) index.</summary>
    public const string NextExpiry =
        "SELECT min(expires_at) FROM sessions WHERE account_id = @account AND live_mode = @live_mode AND status = 'created'";

    private const string Columns =
        "id, status, reference_id, steps, applicant_first_name, applicant_last_name, applicant_email, created_at, completed_at";

    public static string Page(SessionListQuery query, bool boundedToDay) =>
        Texts.GetOrAdd(("page", Shape(query, boundedToDay)), _ =>
            "SELECT " + Columns + " FROM sessions WHERE " + SessionFilters(query, boundedToDay) +
            " ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset");

    /// <summary>
    /// The same page, reached by finding its first key with an index-only OFFSET and reading from that key.
    /// For PostgreSQL, whose list index does not carry the item's columns: a plain OFFSET there fetches every
    /// skipped row from the table (≈ 2.3 ms for 1,500 rows against ≈ 0.5 ms this way). SQLite's covering
    /// index makes the plain OFFSET index-only already, and it does not seek on the row-value comparison.
    /// </summary>
    public static string PageFromSkippedKey(SessionListQuery query, bool boundedToDay) =>
        Texts.GetOrAdd(("page-from-key", Shape(query, boundedToDay)), _ =>
        {
            var filters = SessionFilters(query, boundedToDay);
            return "SELECT " + Columns + " FROM sessions WHERE " + filters +
                   " AND (created_at, id) <= (SELECT created_at, id FROM sessions WHERE " + filters +
                   " ORDER BY created_at DESC, id DESC LIMIT 1 OFFSET @offset)" +
                   " ORDER BY created_at DESC, id DESC LIMIT @limit";
        });

    /// <summary>Counts through the reference-id index: a reference matches few sessions.</summary>
    public static string CountByReference(SessionListQuery query) =>
        Texts.GetOrAdd(("count", Shape(query, boundedToDay: false)), _ =>
            "SELECT count(*) FROM sessions WHERE " + SessionFilters(query, boundedToDay: false));

    /// <summary>All-time total from the totals of one status, or of all (one row per shard).</summary>
    public const string TotalFromTotals =
        "SELECT coalesce(sum(sessions), 0) FROM session_totals " +
        "WHERE account_id = @account AND live_mode = @live_mode AND status = @counter_status";

    /// <summary>Total within whole UTC days from the day counters.</summary>
    public static string TotalFromDays(SessionListQuery query) =>
        Texts.GetOrAdd(("day-total", Shape(query, boundedToDay: false)), _ =>
            "SELECT coalesce(sum(sessions), 0) FROM session_daily_counts WHERE " + DayFilters(query));

    /// <summary>
    /// One row per day in day order from one end, for a walk that stops reading at the wanted day: on SQLite
    /// rows are produced only as they are read, and the key orders one status's rows by day, so the grouping
    /// streams from it.
    /// </summary>
    public static string Days(SessionListQuery query, bool newestFirst) =>
        Texts.GetOrAdd((newestFirst ? "days-newest" : "days-oldest", Shape(query, boundedToDay: false)), _ =>
            "SELECT day, CAST(sum(sessions) AS BIGINT) FROM session_daily_counts WHERE " + DayFilters(query) +
            (newestFirst ? " GROUP BY day ORDER BY day DESC" : " GROUP BY day ORDER BY day"));

    /// <summary>
    /// The day holding position <c>@target</c> counted from one end (newest or oldest), with its row count and
    /// the running count through it, for PostgreSQL: a server runs a statement to its end whether or not the
    /// client reads on, so the search happens there. The key orders one status's counter rows by day, so the
    /// grouping and the running sum stream from it and the LIMIT stops the scan at that day (0.17 ms against
    /// 0.86 ms for grouping and sorting every day). Exactly one day has <c>running − rows ≤ target &lt; running</c>,
    /// so no outer ordering is needed.
    /// </summary>
    public static string DayOfPosition(SessionListQuery query, bool newestFirst) =>
        Texts.GetOrAdd((newestFirst ? "day-newest" : "day-oldest", Shape(query, boundedToDay: false)), _ =>
        {
            var order = newestFirst ? "day DESC" : "day";
            return "SELECT day, rows, running FROM (SELECT day, CAST(sum(sessions) AS BIGINT) AS rows, " +
                   "CAST(sum(sum(sessions)) OVER (ORDER BY " + order + " ROWS UNBOUNDED PRECEDING) AS BIGINT) AS running " +
                   "FROM session_daily_counts WHERE " + DayFilters(query) + " GROUP BY day) AS walk " +
                   "WHERE running > @target AND running - rows <= @target LIMIT 1";
        });

    /// <summary>
    /// Each statement's text depends only on which filters are present: built once per shape, not per request
    /// (the texts are also the keys of the prepared statements).
    /// </summary>
    private static readonly ConcurrentDictionary<(string Statement, int Shape), string> Texts = new();

    private static int Shape(SessionListQuery query, bool boundedToDay) =>
        (query.Status is null ? 0 : 1) |
        (query.ReferenceId is null ? 0 : 2) |
        (query.CreatedFrom is null ? 0 : 4) |
        (query.CreatedBefore is null && !boundedToDay ? 0 : 8);

    private static string SessionFilters(SessionListQuery query, bool boundedToDay)
    {
        var sql = new StringBuilder("account_id = @account AND live_mode = @live_mode");
        if (query.Status is not null)
            sql.Append(" AND status = @status");
        if (query.ReferenceId is not null)
            sql.Append(" AND reference_id = @reference_id");
        if (query.CreatedFrom is not null)
            sql.Append(" AND created_at >= @created_from");
        if (query.CreatedBefore is not null || boundedToDay)
            sql.Append(" AND created_at < @created_before");
        return sql.ToString();
    }

    private static string DayFilters(SessionListQuery query)
    {
        var sql = new StringBuilder("account_id = @account AND live_mode = @live_mode AND status = @counter_status");
        if (query.FromDay is not null)
            sql.Append(" AND day >= @from_day");
        if (query.ToDay is not null)
            sql.Append(" AND day <= @to_day");
        return sql.ToString();
    }
}
