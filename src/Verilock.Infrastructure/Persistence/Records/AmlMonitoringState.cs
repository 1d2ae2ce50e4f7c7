namespace Verilock.Infrastructure.Persistence.Records;

/// <summary>
/// Where monitoring left one monitored item (a standalone screening, or a session): when it was last re-screened, by
/// which run, and against which lists. Written for every item a run re-screens, in one statement per batch; the item's
/// monitoring-run screening is written only when its matches changed. Rows are keyed by the item's id and a run goes
/// in id order, so a batch updates neighbouring rows.
/// </summary>
public sealed class AmlMonitoringState
{
    /// <summary>The standalone screening's id, or the session's.</summary>
    public required string MonitoredId { get; init; }

    /// <summary>Its <c>last_monitoring_at</c> (to the second, as a run's <c>created_at</c>).</summary>
    public DateTime LastRunAt { get; set; }

    /// <summary>The run key of the run that did it (a run that meets its own key skips the item).</summary>
    public required string LastRunKey { get; set; }

    /// <summary>
    /// The <see cref="AmlMonitoringBasis"/> the item's current matches were found against, so the next list version
    /// re-screens it against only what changed since.
    /// </summary>
    public required string BasisKey { get; set; }
}
