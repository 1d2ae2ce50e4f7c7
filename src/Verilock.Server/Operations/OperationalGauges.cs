using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Server.Operations;

/// <summary>
/// Samples what the gauges of <see cref="ServerMetrics"/> need from the database — the check queue's depth and the
/// pending webhook deliveries — at start and every <see cref="Interval"/>, so a scrape never waits on the database and
/// a thousand scrapes cost one count. Both are counts over every instance's work, as the queues are shared. A failed
/// sample (the database away) keeps the last values; the gauges say how things stood then.
/// </summary>
public sealed partial class OperationalGauges(IServiceScopeFactory scopes, TimeProvider time, ILogger<OperationalGauges> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await SampleAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task SampleAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        var checks = await db.CheckJobs.LongCountAsync(cancellationToken);
        var webhooks = await db.WebhookDeliveries.LongCountAsync(d => d.Status == WebhookDelivery.Pending, cancellationToken);
        ServerMetrics.Sampled(checks, webhooks);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling the queue gauges failed; keeping the last values")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
