using Microsoft.Extensions.Options;
using Verilock.Server.Hosting;

namespace Verilock.Server.Aml;

/// <summary>
/// Scheduled monitoring (spec §16): once the lists have loaded, runs the day's monitoring at
/// <c>Verilock:Aml:MonitoringTime</c> (UTC, default 04:00), and catches up at start when the latest such time
/// passed without a finished run (only the latest: a run re-screens everything due, however many days were
/// missed). Every instance tries; the claim of the day (<c>schedule:&lt;date&gt;</c>) lets one run it. While another
/// instance holds the day, this one checks again every minute, and takes the day over if that instance stops.
/// Each minute it also resumes list-version runs of the loaded lists whose instance stopped. On
/// <see cref="TimeProvider"/>, in short sleeps, so a clock that jumps (a suspended VM, a test's clock) is noticed.
/// </summary>
public sealed partial class AmlMonitoringSchedule(
    AmlMonitoring monitoring, ScreeningIndexHolder holder, IOptions<VerilockOptions> options, TimeProvider time,
    ILogger<AmlMonitoringSchedule> logger)
    : BackgroundService
{
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(1);

    /// <summary>The latest slot known to be finished (by this instance or another).</summary>
    private DateTime _finishedThrough = DateTime.MinValue;

    private AmlOptions Settings => options.Value.Aml;

    /// <summary>The latest run time at or before <paramref name="now"/>: today's if it has passed, else yesterday's.</summary>
    public static DateTime LatestSlot(DateTime now, TimeSpan timeOfDay)
    {
        var today = now.Date + timeOfDay;
        return DateTime.SpecifyKind(today <= now ? today : today.AddDays(-1), DateTimeKind.Utc);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            await holder.StartupLoaded.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var looked = LatestSlot(time.GetUtcNow().UtcDateTime, Settings.MonitoringTimeOfDay);
                await TickAsync(stoppingToken);
                var now = time.GetUtcNow().UtcDateTime;
                // A day's time passed while that look ran (a long run, a clock that jumped): look again at once.
                if (LatestSlot(now, Settings.MonitoringTimeOfDay) > looked)
                    continue;
                var next = looked.AddDays(1) - now;
                await Task.Delay(next < Tick ? next + TimeSpan.FromSeconds(1) : Tick, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogTickFailed(logger, ex);
                try
                {
                    await Task.Delay(Tick, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    /// <summary>One look: the day's run if it is due and not finished, then abandoned list-version runs.</summary>
    public async Task TickAsync(CancellationToken cancellationToken)
    {
        if (!holder.IsReady)
            return;
        if (Settings.ScheduledMonitoring)
        {
            var slot = LatestSlot(time.GetUtcNow().UtcDateTime, Settings.MonitoringTimeOfDay);
            if (slot > _finishedThrough)
            {
                var outcome = await monitoring.RunScheduledAsync(slot, cancellationToken);
                if (outcome.Claimed.Count > 0 || await monitoring.IsFinishedAsync(AmlMonitoring.ScheduleKey(slot), cancellationToken))
                    _finishedThrough = slot;
            }
        }
        if (Settings.Monitoring)
            await monitoring.ResumeStaleAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduled AML monitoring failed; trying again in a minute")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
