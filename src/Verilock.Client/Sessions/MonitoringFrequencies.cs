namespace Verilock.Client;

/// <summary>How often monitored applicants are re-screened on schedule (spec §16).</summary>
public static class MonitoringFrequencies
{
    /// <summary>Every day (the default).</summary>
    public const string Daily = "daily";

    /// <summary>Every week.</summary>
    public const string Weekly = "weekly";
}
