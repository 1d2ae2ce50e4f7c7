using System.Diagnostics.Metrics;
using Verilock.Server.Aml;

namespace Verilock.Server.Operations;

/// <summary>
/// The server's own meter (<see cref="MeterName"/>): published on <c>/metrics</c> by prometheus-net's meter adapter
/// (the meter's name becomes the <c>verilock_</c> prefix, dots become underscores) and over OTLP when telemetry is
/// exported. Instruments are process-wide, like prometheus-net's registry: one server per process in production.
/// Gauges are observed at each scrape from values kept here, so nothing queries the database on a scrape
/// (<see cref="OperationalGauges"/> samples what needs the database). Labels take a few fixed values, never an id.
/// </summary>
public static class ServerMetrics
{
    public const string MeterName = "Verilock";

    internal static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> CheckDuration = Meter.CreateHistogram<double>("check.duration_seconds", "s",
        "Time one check step took on a worker, by step (document, selfie, face_match, liveness, aml)",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30] });

    private static readonly Counter<long> WebhookAttempts = Meter.CreateCounter<long>("webhook.attempts_total", null,
        "Webhook delivery attempts by outcome: succeeded, http_error, timeout, tls_error, connection_error");

    private static readonly Counter<long> Screenings = Meter.CreateCounter<long>("aml.screenings_total", null,
        "AML screenings run (API and session aml steps; monitoring counts separately), by mode and result (match or clear)");

    private static long _checkQueueDepth = -1;
    private static long _webhooksPending = -1;
    private static AmlListSet? _lists;

    static ServerMetrics()
    {
        Meter.CreateObservableGauge("check.queue_depth", () => Observed(ref _checkQueueDepth),
            description: "Submitted sessions waiting for their checks (the job queue, across all instances)");
        Meter.CreateObservableGauge("webhook.pending", () => Observed(ref _webhooksPending),
            description: "Webhook deliveries pending (waiting for their first attempt or a retry), across all instances");
        Meter.CreateObservableGauge("aml.list_age_seconds", ListAges,
            description: "Age of each sanctions list in memory: now minus the list's publication time (its load time when it has none)");
        Meter.CreateObservableGauge("aml.list_entities", ListEntities,
            description: "Entities of each sanctions list in memory");
        AmlMetrics.Register();
    }

    /// <summary>Makes sure the instruments exist before an adapter or exporter starts listening.</summary>
    public static void Register() => _ = Meter;

    internal static void CheckStepRan(string step, TimeSpan elapsed) =>
        CheckDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("step", step));

    internal static void WebhookAttempted(int? responseStatus, string? error) =>
        WebhookAttempts.Add(1, new KeyValuePair<string, object?>("outcome", error ?? (responseStatus is >= 200 and < 300 ? "succeeded" : "http_error")));

    internal static void Screened(bool liveMode, bool matched) =>
        Screenings.Add(1, new KeyValuePair<string, object?>("mode", liveMode ? "live" : "test"),
            new KeyValuePair<string, object?>("result", matched ? "match" : "clear"));

    internal static void Sampled(long checkQueueDepth, long webhooksPending)
    {
        Interlocked.Exchange(ref _checkQueueDepth, checkQueueDepth);
        Interlocked.Exchange(ref _webhooksPending, webhooksPending);
    }

    internal static void ListsLoaded(AmlListSet lists) => Volatile.Write(ref _lists, lists);

    /// <summary>Nothing until the first sample: a gauge that reads 0 before anyone looked would say the queue is empty.</summary>
    private static IEnumerable<Measurement<long>> Observed(ref long value)
    {
        var current = Volatile.Read(ref value);
        return current < 0 ? [] : [new Measurement<long>(current)];
    }

    private static IEnumerable<Measurement<double>> ListAges()
    {
        var now = DateTimeOffset.UtcNow;
        return (Volatile.Read(ref _lists)?.Lists ?? []).Select(l => new Measurement<double>(
            Math.Max(0, (now - (l.List.Metadata.PublishedAt ?? l.List.Metadata.LoadedAt)).TotalSeconds),
            new KeyValuePair<string, object?>("list", l.Id)));
    }

    private static IEnumerable<Measurement<long>> ListEntities() =>
        (Volatile.Read(ref _lists)?.Lists ?? []).Select(l => new Measurement<long>(
            l.List.Metadata.EntityCount, new KeyValuePair<string, object?>("list", l.Id)));
}
