using Verilock.Server.Operations;

namespace Verilock.Server.Aml;

/// <summary>
/// AML monitoring's instruments on the server's meter (<see cref="ServerMetrics"/>). Observable instruments, read at
/// each scrape, so a value that moves once a day is never dropped as stale. Process-wide totals since start.
/// </summary>
public static class AmlMetrics
{
    private static long _rescreened;
    private static long _newMatches;
    private static long _runProgress;
    private static long _runsActive;

    static AmlMetrics()
    {
        ServerMetrics.Meter.CreateObservableCounter("aml.monitoring.rescreened", () => Volatile.Read(ref _rescreened),
            description: "Screenings and sessions re-screened by AML monitoring runs of this process");
        ServerMetrics.Meter.CreateObservableCounter("aml.monitoring.new_matches", () => Volatile.Read(ref _newMatches),
            description: "Monitoring runs that found entities their previous screening had not (aml.monitoring.match)");
        ServerMetrics.Meter.CreateObservableGauge("aml.monitoring.run_progress", () => Volatile.Read(ref _runProgress),
            description: "Re-screened so far by the monitoring run in progress in this process (0 when none runs)");
        ServerMetrics.Meter.CreateObservableGauge("aml.monitoring.runs_active", () => Volatile.Read(ref _runsActive),
            description: "Monitoring runs in progress in this process");
    }

    /// <summary>Makes sure the instruments exist before the adapter starts listening (<see cref="ServerMetrics.Register"/> calls it).</summary>
    internal static void Register() => _ = _runsActive;

    internal static void RunStarted()
    {
        Interlocked.Increment(ref _runsActive);
        Interlocked.Exchange(ref _runProgress, 0);
    }

    internal static void BatchWritten(int rescreened, int newMatches, long runTotal)
    {
        Interlocked.Add(ref _rescreened, rescreened);
        Interlocked.Add(ref _newMatches, newMatches);
        Interlocked.Exchange(ref _runProgress, runTotal);
    }

    internal static void RunEnded()
    {
        if (Interlocked.Decrement(ref _runsActive) == 0)
            Interlocked.Exchange(ref _runProgress, 0);
    }
}
