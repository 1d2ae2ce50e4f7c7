namespace Verilock.Server.Hosting;

/// <summary>The <c>Verilock:Housekeeping</c> section (<see cref="Housekeeping"/>).</summary>
public sealed class HousekeepingOptions
{
    /// <summary>How often expired sessions and stale idempotency records are swept.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<string> Problems()
    {
        if (Interval <= TimeSpan.Zero)
            yield return "Verilock:Housekeeping:Interval must be positive.";
    }
}
