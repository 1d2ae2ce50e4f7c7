using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;
using Verilock.Server.Sessions;

namespace Verilock.Server.Hosting;

/// <summary>
/// Periodic background work on the clock of <see cref="TimeProvider"/> (so tests can move time): expiring
/// sessions of every account, forgetting idempotency records older than 24 hours, completing idempotency claims a
/// database outage left without their outcome (<see cref="IdempotencyBacklog"/>), and retrying a WAL checkpoint
/// that readers kept from completing after a redaction (<see cref="RedactionCheckpoint"/>). A failed run (the
/// database away) is logged and the next interval tries again.
/// </summary>
public sealed partial class Housekeeping(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<HousekeepingOptions> options, IdempotencyBacklog idempotencyBacklog,
    ILogger<Housekeeping> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                LogFailed(logger, ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        // First: clients are waiting to repeat requests under these keys.
        await idempotencyBacklog.WriteAllAsync(db, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var expired = await SessionExpiry.ExpireAllDueAsync(db, now, cancellationToken);
        if (expired > 0)
            LogExpired(logger, expired);
        var cutoff = now - Idempotency.Retention;
        await db.IdempotencyRecords.Where(r => r.CreatedAt <= cutoff).ExecuteDeleteAsync(cancellationToken);
        await scope.ServiceProvider.GetRequiredService<RedactionCheckpoint>().RetryIfPendingAsync(db, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Expired {Count} sessions")]
    private static partial void LogExpired(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Housekeeping run failed; retrying at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
