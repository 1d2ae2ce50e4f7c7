using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Checks;
using Verilock.Infrastructure.Faces;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Hosting;

namespace Verilock.Server.Checks;

/// <summary>
/// The background workers that check submitted sessions. Each worker claims one job at a time under a lease,
/// runs the pipeline and records the outcome and the job's end in one transaction. A worker that dies
/// mid-job leaves the job leased; when the lease runs out another worker (of any instance) takes it over
/// and starts clean, since nothing of the failed attempt was saved. A session already decided (by an
/// earlier attempt that did commit) is never decided again: its job is simply dropped. Jobs whose id is a biometric
/// check's (<c>bio_</c>) run that check (<see cref="Faces.BiometricRunner"/>) under the same leases and retries.
/// </summary>
public sealed partial class CheckWorkers(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<VerilockOptions> options, ILogger<CheckWorkers> logger) : BackgroundService
{
    private readonly CheckOptions _options = options.Value.Checks;

    /// <summary>How long a job waits when a step cannot run yet (live sanctions lists still loading).</summary>
    public static readonly TimeSpan NotReadyDelay = TimeSpan.FromSeconds(15);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_options.Workers == 0)
            return;
        CommitSignal signal;
        await using (var scope = scopes.CreateAsyncScope())
            signal = CommitSignal.For(CommitSignal.CheckJobs, scope.ServiceProvider.GetRequiredService<VerilockDbContext>().Database.GetConnectionString());
        await Task.WhenAll(Enumerable.Range(0, _options.Workers).Select(_ => Task.Run(() => WorkAsync(signal, stoppingToken), stoppingToken)));
    }

    private async Task WorkAsync(CommitSignal signal, CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var started = time.GetTimestamp();
                var worked = false;
                try
                {
                    worked = await RunOneAsync(stoppingToken);
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogRoundFailed(logger, ex);
                }
                if (!worked)
                    await WaitForWorkAsync(signal, started, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Claims and runs one due job; false when there was none.</summary>
    public async Task<bool> RunOneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var claimed = await CheckJobQueue.ClaimDueAsync(db, now, now + _options.Lease, 1, cancellationToken);
        if (claimed.Count == 0)
            return false;
        var job = claimed[0];
        try
        {
            await RunJobAsync(scope.ServiceProvider, db, job, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogJobFailed(logger, ex, job.SessionId, job.Attempts);
            await AfterFailureOnceRecordedAsync(job, ex, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // A graceful stop: hand the job back at once rather than leaving it leased until the lease runs out.
            await using var release = scopes.CreateAsyncScope();
            await CheckJobQueue.ReleaseAsync(release.ServiceProvider.GetRequiredService<VerilockDbContext>(), job,
                time.GetUtcNow().UtcDateTime, null, CancellationToken.None);
            throw;
        }
        return true;
    }

    private async Task RunJobAsync(IServiceProvider services, VerilockDbContext db, CheckJob job, CancellationToken cancellationToken)
    {
        if (Faces.BiometricRunner.IsBiometricJob(job))
        {
            await services.GetRequiredService<Faces.BiometricRunner>().RunAsync(db, job, cancellationToken);
            return;
        }
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == job.SessionId, cancellationToken);
        if (session is null || session.Status != SessionStatus.Processing || session.Decision is not null)
        {
            CheckJobQueue.Complete(db, job);
            await db.SaveChangesAsync(cancellationToken);
            return;
        }

        var outcome = await services.GetRequiredService<CheckPipeline>().RunAsync(session, cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        if (outcome is not null)
            outcome = await Faces.SessionFaceDuplicates.ApplyAsync(services, db, session, outcome, now, cancellationToken);
        if (outcome is null)
        {
            await CheckJobQueue.ReleaseAsync(db, job, now + NotReadyDelay, "not_ready", cancellationToken);
            return;
        }
        var rules = await Rules.OwnedRules.EnabledAsync(db, new Auth.AccountScope(session.AccountId, session.LiveMode), cancellationToken);
        session.RecordCheckOutcome(outcome.Results, outcome.ReviewReasons, now, _options.DataMismatch == CheckOptions.Decline, rules);
        Faces.SessionFaceTemplates.AfterChecks(
            db, services.GetRequiredService<FaceTemplateStore>(), services.GetRequiredService<CheckModels>(), session, outcome, now);
        CheckJobQueue.Complete(db, job);
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// When the database itself went away mid-job, recording the failure fails too, and the job would sit out its
    /// whole lease (5 minutes by default) after the database is back. No worker can claim anything meanwhile, so
    /// this one waits for the database and records the failure as soon as it answers.
    /// </summary>
    private async Task AfterFailureOnceRecordedAsync(CheckJob job, Exception error, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await AfterFailureAsync(job, error, cancellationToken);
                return;
            }
            catch (Exception ex) when (DatabaseFailures.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt == 0)
                    LogHandBackWaiting(logger, job.SessionId);
                await Task.Delay(_options.PollInterval, time, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Retries with a growing delay; after the last attempt the session goes to a person (review,
    /// <c>processing_error</c>) rather than waiting forever or being declined for our own failure.
    /// </summary>
    private async Task AfterFailureAsync(CheckJob job, Exception error, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        if (job.Attempts < _options.MaxAttempts)
        {
            var delay = _options.RetryDelay * Math.Pow(2, job.Attempts - 1);
            await CheckJobQueue.ReleaseAsync(db, job, now + delay, error.GetType().Name, cancellationToken);
            return;
        }
        if (Faces.BiometricRunner.IsBiometricJob(job))
        {
            await scope.ServiceProvider.GetRequiredService<Faces.BiometricRunner>().GiveUpAsync(db, job, cancellationToken);
            return;
        }
        var session = await db.Sessions.FirstOrDefaultAsync(s => s.Id == job.SessionId, cancellationToken);
        if (session is { Status: SessionStatus.Processing, Decision: null })
        {
            var results = session.Steps.ToDictionary(
                step => step,
                step => new StepResult(StepOutcome.Pending, null, null));
            session.RecordCheckOutcome(results, [ReviewReason.ProcessingError], now);
        }
        CheckJobQueue.Complete(db, job);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task WaitForWorkAsync(CommitSignal signal, long started, CancellationToken stoppingToken)
    {
        var remaining = _options.PollInterval - time.GetElapsedTime(started);
        if (remaining <= TimeSpan.Zero)
            return;
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var woken = await Task.WhenAny(signal.WaitAsync(waiting.Token), Task.Delay(remaining, time, waiting.Token));
        await waiting.CancelAsync();
        stoppingToken.ThrowIfCancellationRequested();
        if (woken.IsFaulted)
            await woken;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Check worker round failed; retrying")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Database unavailable; the checks of session {SessionId} are handed back once it answers")]
    private static partial void LogHandBackWaiting(ILogger logger, string sessionId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checks of session {SessionId} failed (attempt {Attempt})")]
    private static partial void LogJobFailed(ILogger logger, Exception exception, string sessionId, int attempt);
}
