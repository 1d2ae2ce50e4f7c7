namespace Verilock.Infrastructure.Persistence.Records;

/// <summary>
/// One monitoring run per list version (spec §11.4) or per scheduled slot (§16), however many server instances
/// there are: the instance whose insert of this row succeeds runs it. The runner renews <see cref="HeartbeatAt"/>
/// and moves the cursors in the transaction of every batch it writes; an unfinished claim whose heartbeat has
/// gone stale (its instance died) may be taken over, and the new runner starts after the cursors.
/// </summary>
public sealed class AmlMonitoringClaim
{
    /// <summary>
    /// <c>&lt;list id&gt;@&lt;version&gt;#&lt;content hash&gt;</c>, e.g. <c>un_sc@2026-02-27#3f9a…</c>, or
    /// <c>schedule:&lt;UTC date&gt;</c> for the day's scheduled run.
    /// </summary>
    public required string ListKey { get; init; }
    public required string ClaimedBy { get; set; }
    public DateTime ClaimedAt { get; set; }
    public DateTime HeartbeatAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    /// <summary>Screenings and sessions re-screened by the run.</summary>
    public int Screened { get; set; }
    /// <summary>Runs that found entities their previous screening had not.</summary>
    public int NewMatches { get; set; }
    /// <summary>The last standalone screening id done (runs go in id order); null before the first batch.</summary>
    public string? ScreeningsAfter { get; set; }
    /// <summary>The last session id done, once the screenings are through.</summary>
    public string? SessionsAfter { get; set; }
}
