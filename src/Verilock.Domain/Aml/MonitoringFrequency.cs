namespace Verilock.Domain.Aml;

/// <summary>
/// How often a monitored screening or session is re-screened on the schedule (spec §16), besides every new
/// list version (§11.4). Daily is the default.
/// </summary>
public enum MonitoringFrequency
{
    Daily,
    Weekly,
}

public static class MonitoringFrequencies
{
    private static readonly string[] Names = ["daily", "weekly"];

    public static string AllowedList => string.Join(", ", Names);

    public static string ToWire(this MonitoringFrequency frequency) => Names[(int)frequency];

    /// <summary>How long after its last screening an item is due again.</summary>
    public static TimeSpan Period(this MonitoringFrequency frequency) =>
        frequency == MonitoringFrequency.Weekly ? TimeSpan.FromDays(7) : TimeSpan.FromDays(1);

    public static bool TryParse(string? value, out MonitoringFrequency frequency)
    {
        var index = value is null ? -1 : Array.IndexOf(Names, value);
        frequency = (MonitoringFrequency)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>
    /// Whether an item last screened at <paramref name="lastScreenedAt"/> is re-screened by the scheduled run of
    /// <paramref name="slot"/> (the day's configured time). Counted in slots, so that the run's own duration never
    /// pushes an item to the next day: a daily item is due at every slot it was not screened after, a weekly one at
    /// the seventh slot after its last screening (or the first slot after a later list-version run, plus six).
    /// </summary>
    public static bool IsDue(this MonitoringFrequency frequency, DateTime lastScreenedAt, DateTime slot) =>
        lastScreenedAt < slot - frequency.Period() + TimeSpan.FromDays(1);
}
