using System.Text;

namespace Verilock.Infrastructure.Persistence.Reads;

/// <summary>
/// The SQL of the list endpoint, identical on SQLite and PostgreSQL. Each optional filter adds its own
/// predicate rather than an <c>@p IS NULL OR …</c> form, so every variant keeps its index; the texts are
/// few and stable, which lets each connection keep them prepared.
/// </summary>
internal static class SessionListSql
{
    public const string Account = "@account";
    public const string LiveMode = "@live_mode";
    public const string Status = "@status";
    public const string ReferenceId = "@reference_id";
    public const string CreatedFrom = "@created_from";
    public const string CreatedBefore = "@created_before";
    public const string FromDay = "@from_day";
    public const string ToDay = "@to_day";
    public const string Now = "@now";
    public const string Limit = "@limit";
    public const string Offset = "@offset";

    /// <summary>
    /// Whether any of the account's <c>created</c> sessions are due to expire, and the list's total, in one
    /// statement: one round trip on PostgreSQL instead of two.
    /// </summary>
    public static string ExpiryDueAndTotal(string totalSql) =>
        "SELECT EXISTS (SELECT 1 FROM sessions WHERE account_id = @account AND live_mode = @live_mode " +
        "AND status = 'created' AND expires_at <= @now), (" + totalSql + ")";

    private const string Columns =
        "id, status, reference_id, steps, applicant_first_name, applicant_last_name, applicant_email, created_at, completed_at";

    public static string Page(SessionListQuery query, bool boundedToDay) =>
        new StringBuilder("SELECT ").Append(Columns).Append(" FROM sessions WHERE ")
            .Append(SessionFilters(query, boundedToDay))
            .Append(" ORDER BY created_at DESC, id DESC LIMIT @limit OFFSET @offset")
            .ToString();

    /// <summary>Counts through the reference-id index: a reference matches few sessions.</summary>
    public static string CountByReference(SessionListQuery query) =>
        "SELECT count(*) FROM sessions WHERE " + SessionFilters(query, boundedToDay: false);

    /// <summary>All-time total from the per-status totals (≤ 5 statuses × shards rows).</summary>
    public static string TotalFromTotals(SessionListQuery query) =>
        "SELECT coalesce(sum(sessions), 0) FROM session_totals WHERE account_id = @account AND live_mode = @live_mode" +
        (query.Status is null ? "" : " AND status = @status");

    /// <summary>Total within whole UTC days from the day counters.</summary>
    public static string TotalFromDays(SessionListQuery query) =>
        "SELECT coalesce(sum(sessions), 0) FROM session_daily_counts WHERE " + DayFilters(query);

    /// <summary>
    /// Day counter rows in day order (several per day: statuses and shards), for walking to the day that holds
    /// a deep offset. Without GROUP BY the rows stream in index order and the walk stops at the wanted day.
    /// </summary>
    public static string Days(SessionListQuery query, bool newestFirst) =>
        "SELECT day, sessions FROM session_daily_counts WHERE " + DayFilters(query) +
        (newestFirst ? " ORDER BY day DESC" : " ORDER BY day");

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
        var sql = new StringBuilder("account_id = @account AND live_mode = @live_mode");
        if (query.Status is not null)
            sql.Append(" AND status = @status");
        if (query.FromDay is not null)
            sql.Append(" AND day >= @from_day");
        if (query.ToDay is not null)
            sql.Append(" AND day <= @to_day");
        return sql.ToString();
    }
}
