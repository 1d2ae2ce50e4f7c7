namespace Verilock.Domain.Common;

/// <summary>The API speaks whole seconds in UTC (spec §1), so stored instants are truncated once, here.</summary>
public static class Clock
{
    public static DateTime UtcSeconds(this TimeProvider time) => ToSeconds(time.GetUtcNow().UtcDateTime);

    public static DateTime ToSeconds(DateTime value) =>
        new(value.Ticks - value.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
