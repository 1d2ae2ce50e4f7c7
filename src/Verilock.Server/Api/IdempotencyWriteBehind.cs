using System.Threading.Channels;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Api;

/// <summary>
/// Idempotency record writes that met a database outage: a request whose work committed but whose response could
/// not be stored, or a failed request whose claim could not be released. Either left as it is would answer every
/// retry with "still being processed" until the record expires a day later. They are retried here, with backoff,
/// until the database is back (or the process stops), so retries soon replay the stored answer or run afresh.
/// </summary>
public sealed partial class IdempotencyWriteBehind(IServiceScopeFactory scopes, ILogger<IdempotencyWriteBehind> logger) : BackgroundService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(5);

    private readonly Channel<Func<VerilockDbContext, CancellationToken, Task>> _pending =
        Channel.CreateUnbounded<Func<VerilockDbContext, CancellationToken, Task>>(new UnboundedChannelOptions { SingleReader = true });

    public void Enqueue(Func<VerilockDbContext, CancellationToken, Task> write) => _pending.Writer.TryWrite(write);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var write in _pending.Reader.ReadAllAsync(stoppingToken))
        {
            for (var delay = FirstDelay; ; delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks)))
            {
                try
                {
                    await using var scope = scopes.CreateAsyncScope();
                    await write(scope.ServiceProvider.GetRequiredService<VerilockDbContext>(), stoppingToken);
                    break;
                }
                catch (Exception e) when (ErrorHandling.IsOverload(e) && !stoppingToken.IsCancellationRequested)
                {
                    await Task.Delay(delay, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Not an outage: retrying will not help, and one record must not stop the others.
                    LogWriteFailed(logger, e);
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An idempotency record could not be written after a database failure")]
    private static partial void LogWriteFailed(ILogger logger, Exception exception);
}
