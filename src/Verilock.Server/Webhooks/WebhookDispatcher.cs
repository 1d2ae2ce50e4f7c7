using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Webhooks;

namespace Verilock.Server.Webhooks;

/// <summary>
/// Delivers webhooks from the outbox (spec §12). Each round fans new outbox events out to deliveries, claims
/// the due ones (counting the attempt before sending) and starts their attempts concurrently; a second loop
/// records outcomes in batches. It wakes at once when this process commits an outbox row, and polls for
/// work from other instances and for due retries. Time comes from <see cref="TimeProvider"/>, so tests move it.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    WebhookSecrets secrets,
    TimeProvider time,
    IOptions<WebhookOptions> options,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly WebhookOptions _options = options.Value;
    private readonly Channel<WebhookQueue.AttemptOutcome> _outcomes = Channel.CreateUnbounded<WebhookQueue.AttemptOutcome>(
        new UnboundedChannelOptions { SingleReader = true });
    private readonly Channel<bool> _slotFreed = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private int _inFlight;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Dispatch)
            return;
        CommitSignal signal;
        await using (var scope = scopes.CreateAsyncScope())
            signal = CommitSignal.For(CommitSignal.Outbox, scope.ServiceProvider.GetRequiredService<VerilockDbContext>().Database.GetConnectionString());

        var recorder = RecordOutcomesAsync();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var moreWork = false;
                var roundStarted = time.GetTimestamp();
                try
                {
                    moreWork = await RunRoundAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRoundFailed(logger, ex);
                }
                if (!moreWork)
                    await WaitForWorkAsync(signal, roundStarted, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: attempts in flight are abandoned and retried after their lease by whoever runs next.
        }
        finally
        {
            _outcomes.Writer.TryComplete();
            await recorder;
        }
    }

    /// <summary>One round; true when more work is probably waiting.</summary>
    private async Task<bool> RunRoundAsync(CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var free = Math.Max(0, _options.MaxConcurrency - Volatile.Read(ref _inFlight));
        // Due deliveries first (oldest first), so a stream of new events cannot starve a backlog or retries.
        var due = free > 0
            ? await WebhookQueue.ClaimDueAsync(db, now, now + _options.ClaimLease, Math.Min(free, _options.BatchSize), stoppingToken)
            : [];
        var (fannedOut, fresh) = await WebhookQueue.FanOutAsync(
            db, now, _options.BatchSize, free - due.Count, now + _options.ClaimLease, stoppingToken);
        List<WebhookDelivery> claimed = [.. due, .. fresh];
        if (claimed.Count == 0)
            return fannedOut > 0;

        var keys = await secrets.ForDeliveriesAsync(db, claimed, now, stoppingToken);
        foreach (var delivery in claimed)
        {
            // An endpoint deleted or disabled while this delivery was being created gets nothing more.
            if (!keys.TryGetValue(WebhookSecrets.KeyOf(delivery), out var key))
            {
                await WebhookQueue.FailPendingAsync(db, delivery.EndpointId!, stoppingToken);
                continue;
            }
            Interlocked.Increment(ref _inFlight);
            _ = AttemptAsync(delivery, key, stoppingToken);
        }
        return true;
    }

    private async Task AttemptAsync(WebhookDelivery delivery, WebhookSender.Secrets key, CancellationToken stoppingToken)
    {
        var attemptedAt = time.GetUtcNow().UtcDateTime;
        try
        {
            var outcome = await sender.SendAsync(delivery, key, stoppingToken);
            Operations.ServerMetrics.WebhookAttempted(outcome.ResponseStatus, outcome.Error);
            if (outcome.Error is not null)
                LogAttemptFailed(logger, delivery.WebhookId, delivery.Attempts, outcome.Error);
            _outcomes.Writer.TryWrite(new WebhookQueue.AttemptOutcome(
                delivery.WebhookId, delivery.Attempts, delivery.EndpointId, attemptedAt, outcome.ResponseStatus, outcome.Error));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Counted as a failed attempt, so something unforeseen follows the retry schedule instead of looping.
            LogAttemptCrashed(logger, ex, delivery.WebhookId);
            Operations.ServerMetrics.WebhookAttempted(null, "connection_error");
            _outcomes.Writer.TryWrite(new WebhookQueue.AttemptOutcome(
                delivery.WebhookId, delivery.Attempts, delivery.EndpointId, attemptedAt, null, "connection_error"));
        }
        finally
        {
            // Only a dispatcher that was full needs waking; otherwise it already claimed all it could.
            if (Interlocked.Decrement(ref _inFlight) == _options.MaxConcurrency - 1)
                _slotFreed.Writer.TryWrite(true);
        }
    }

    /// <summary>Records outcomes as they come, many per transaction; runs until the dispatcher stops and the queue is drained.</summary>
    private async Task RecordOutcomesAsync()
    {
        var batch = new List<WebhookQueue.AttemptOutcome>();
        while (await _outcomes.Reader.WaitToReadAsync())
        {
            while (batch.Count < 1000 && _outcomes.Reader.TryRead(out var outcome))
                batch.Add(outcome);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
                var now = time.GetUtcNow().UtcDateTime;
                // Outcomes are recorded even while stopping: each one saved is an attempt not repeated.
                var failing = await WebhookQueue.RecordAsync(db, batch, now, CancellationToken.None);
                if (failing.Count > 0)
                {
                    foreach (var endpoint in await WebhookQueue.DisableFailingAsync(db, failing, now, CancellationToken.None))
                        LogEndpointDisabled(logger, endpoint.Id, endpoint.FailingSince);
                }
            }
            catch (Exception ex)
            {
                LogRecordFailed(logger, ex, batch.Count);
            }
            batch.Clear();
        }
    }

    /// <summary>
    /// Waits for a ring, a freed slot or the rest of the poll interval. The interval counts from the start of
    /// the last round, so a clock that moved meanwhile (a slow round, or a test moving its clock) polls at once.
    /// </summary>
    private async Task WaitForWorkAsync(CommitSignal signal, long roundStarted, CancellationToken stoppingToken)
    {
        var remaining = _options.PollInterval - time.GetElapsedTime(roundStarted);
        if (remaining <= TimeSpan.Zero)
            return;
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var poll = Task.Delay(remaining, time, waiting.Token);
        // The clock may have moved between reading it and arming the delay, which then counts from the new time.
        if (time.GetElapsedTime(roundStarted) < _options.PollInterval)
        {
            var woken = await Task.WhenAny(signal.WaitAsync(waiting.Token), _slotFreed.Reader.WaitToReadAsync(waiting.Token).AsTask(), poll);
            if (woken.IsFaulted)
                await woken;
        }
        await waiting.CancelAsync();
        _slotFreed.Reader.TryRead(out _);
        stoppingToken.ThrowIfCancellationRequested();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook dispatch round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Webhook {WebhookId} attempt {Attempt} failed: {Error}")]
    private static partial void LogAttemptFailed(ILogger logger, string webhookId, int attempt, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {WebhookId} attempt failed unexpectedly; recorded as connection_error")]
    private static partial void LogAttemptCrashed(ILogger logger, Exception exception, string webhookId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Recording {Count} webhook attempt outcomes failed; those deliveries are retried when their leases expire")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook endpoint {EndpointId} disabled: failing since {FailingSince:o}")]
    private static partial void LogEndpointDisabled(ILogger logger, string endpointId, DateTime? failingSince);
}
