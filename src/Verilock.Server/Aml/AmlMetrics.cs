using System.Diagnostics.Metrics;

namespace Verilock.Server.Aml;

/// <summary>
/// The server's own meter (<see cref="MeterName"/>), published on <c>/metrics</c> by prometheus-net's meter adapter
/// (only this meter; see <c>VerilockHost</c>). Observable instruments, read at each scrape, so a value that moves
/// once a day is never dropped as stale. Process-wide totals since start.
/// </summary>
public static class AmlMetrics
{
    public const string MeterName = "Verilock";

    private static readonly Meter Meter = new(MeterName);
    private static long _rescreened;
    private static long _newMatches;
    private static long _runProgress;
    private static long _runsActive;

    static AmlMetrics()
    {
        Meter.CreateObservableCounter("aml.monitoring.rescreened", () => Volatile.Read(ref _rescreened),
            description: "Screenings and sessions re-screened by AML monitoring runs of this process");
        Meter.CreateObservableCounter("aml.monitoring.new_matches", () => Volatile.Read(ref _newMatches),
            description: "Monitoring runs that found entities their previous screening had not (aml.monitoring.match)");
        Meter.CreateObservableGauge("aml.monitoring.run_progress", () => Volatile.Read(ref _runProgress),
            description: "Re-screened so far by the monitoring run in progress in this process (0 when none runs)");
        Meter.CreateObservableGauge("aml.monitoring.runs_active", () => Volatile.Read(ref _runsActive),
            description: "Monitoring runs in progress in this process");
    }

    /// <summary>Makes sure the instruments exist before the adapter starts listening.</summary>
    public static void Register() => _ = Meter;

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
