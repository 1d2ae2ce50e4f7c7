namespace Verilock.Domain.Common;

/// <summary>
/// The <c>created_at</c> stored for rows the API lists newest first (sessions, AML screenings, webhook endpoints
/// and deliveries). Those lists order by <c>(created_at, id)</c>; at whole seconds, everything created within one
/// second tied and fell back to the random id. So the stored instant keeps microseconds, while the wire still
/// shows whole seconds (<c>ApiJson.InstantFormat</c> truncates): the API's values are unchanged.
/// </summary>
/// <remarks>
/// Two readings of the clock can be equal (a coarse clock, a test's frozen one) or arrive out of order between
/// threads, so each instant is at least a microsecond after the one before it: rows created by this process sort
/// in the order they were stamped. The nudge never crosses into the next second, so the second (and the UTC day
/// the counters bucket by) is always the clock's own; past a million rows in one second they tie again and the id
/// decides, as before. Other instances keep their own sequence: across instances the clocks' order applies.
/// </remarks>
public sealed class CreationClock(TimeProvider time)
{
    private long _lastTicks;

    /// <summary>A new creation instant, to the microsecond, later than any this clock gave before within the same second.</summary>
    public DateTime Next()
    {
        var now = Clock.ToMicroseconds(time.GetUtcNow().UtcDateTime).Ticks;
        while (true)
        {
            var last = Interlocked.Read(ref _lastTicks);
            var next = now > last ? now : last + TimeSpan.TicksPerMicrosecond;
            if (next / TimeSpan.TicksPerSecond != now / TimeSpan.TicksPerSecond)
                next = now; // the nudge would leave the clock's second (or the clock went back): keep the clock's reading
            if (Interlocked.CompareExchange(ref _lastTicks, next, last) == last)
                return new DateTime(next, DateTimeKind.Utc);
        }
    }
}
