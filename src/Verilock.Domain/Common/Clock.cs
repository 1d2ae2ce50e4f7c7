namespace Verilock.Domain.Common;

/// <summary>The API speaks whole seconds in UTC (spec §1), so stored instants are truncated once, here.</summary>
public static class Clock
{
    public static DateTime UtcSeconds(this TimeProvider time) => ToSeconds(time.GetUtcNow().UtcDateTime);

    public static DateTime ToSeconds(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    /// <summary>
    /// Truncated to the microsecond: the finest instant both databases keep (PostgreSQL's <c>timestamptz</c>),
    /// so a value reads back exactly as it was written on either.
    /// </summary>
    public static DateTime ToMicroseconds(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerMicrosecond, DateTimeKind.Utc);
}
