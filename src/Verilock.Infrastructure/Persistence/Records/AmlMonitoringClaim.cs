namespace Verilock.Infrastructure.Persistence.Records;

/// <summary>
/// One monitoring run per list version (spec §11.4), however many server instances load that version:
/// the instance whose insert of this row succeeds runs it. The runner renews <see cref="HeartbeatAt"/>
/// as it goes; an unfinished claim whose heartbeat has gone stale (its instance died) may be taken
/// over by the next instance that loads the same version.
/// </summary>
public sealed class AmlMonitoringClaim
{
    /// <summary><c>&lt;list id&gt;@&lt;version&gt;#&lt;content hash&gt;</c>, e.g. <c>un_sc@2026-02-27#3f9a…</c>.</summary>
    public required string ListKey { get; init; }
    public required string ClaimedBy { get; set; }
    public DateTime ClaimedAt { get; set; }
    public DateTime HeartbeatAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    /// <summary>Screenings and sessions re-screened by the run.</summary>
    public int Screened { get; set; }
    /// <summary>Runs that found entities their previous screening had not.</summary>
    public int NewMatches { get; set; }
}
