namespace Verilock.Domain.Common;

/// <summary>The API speaks whole seconds in UTC (spec §1), so stored instants are truncated once, here.</summary>
public static class Clock
{
    public static DateTime UtcSeconds(this TimeProvider time) => ToSeconds(time.GetUtcNow().UtcDateTime);

    /// <summary>
    /// The <c>created_at</c> stored for rows the API lists newest first (sessions, AML screenings, webhook
    /// endpoints). Those lists order by <c>(created_at, id)</c>; stored at whole seconds, everything created within
    /// one second tied and fell back to the random id. The wire still shows whole seconds
    /// (<c>ApiJson.InstantFormat</c> truncates), so the API's values are unchanged; only the order is exact.
    /// </summary>
    public static DateTime UtcMicroseconds(this TimeProvider time) => ToMicroseconds(time.GetUtcNow().UtcDateTime);

    public static DateTime ToSeconds(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>
    /// Truncated to the microsecond: the finest instant both databases keep (PostgreSQL's <c>timestamptz</c>),
    /// so a value reads back exactly as it was written on either.
    /// </summary>
    public static DateTime ToMicroseconds(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
}
