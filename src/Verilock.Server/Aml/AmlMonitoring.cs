using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Verilock.Domain.Aml;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Aml;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Hosting;

namespace Verilock.Server.Aml;

/// <summary>
/// Continuous monitoring (spec §11.4, §16). Re-screens approved live sessions with <c>monitoring_enabled</c> and
/// live standalone screenings that are <c>clear</c> with monitoring on: all of them when lists arrive in a new
/// version (<see cref="RunAsync"/>), and on the daily schedule those whose frequency makes them due
/// (<see cref="RunScheduledAsync"/>). Each re-screen is stored as a monitoring run (<c>is_monitoring_run</c>,
/// <c>parent_screening_id</c>); a run that finds an entity its previous screening had not emits
/// <c>aml.monitoring.match</c>.
/// <para>
/// Every server instance loads lists and keeps the clock on its own, so each run is claimed first: one row per list
/// version or scheduled day, inserted if absent; only the instance whose insert lands runs it. The runner works in
/// batches in id order, screenings first, then sessions: each batch is read by keyset over a partial index, screened
/// on every core, and written in one transaction together with its outbox rows, the claim's heartbeat and its
/// cursor (fenced by the claim's holder, so an instance that lost its claim writes nothing more). A claim left
/// unfinished with a stale heartbeat (its instance died) is taken over and resumed after its cursor; a screening
/// whose latest run already has the run's key is skipped as well. Test-mode objects are not monitored: their
/// sandbox list never changes.
/// </para>
/// </summary>
public sealed partial class AmlMonitoring(
    IServiceScopeFactory scopes, ScreeningIndexHolder holder, IOptions<VerilockOptions> options, TimeProvider time,
    ILogger<AmlMonitoring> logger)
{
    /// <summary>The default of <c>Verilock:Aml:MonitoringStaleAfter</c>.</summary>
    public static readonly TimeSpan DefaultStaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>The claim key prefix of scheduled runs, followed by the UTC date.</summary>
    public const string SchedulePrefix = "schedule:";

    /// <summary>How often progress is logged, in rows re-screened.</summary>
    private const int ProgressEvery = 50_000;

    /// <summary>Who holds a claim, for operators reading the claims table; one per instance of this class (one per process).</summary>
    private readonly string _instance = Shorten($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

    /// <summary>One run at a time in this process: runs compete for the same cores, and a claim is resumed only when none of ours runs.</summary>
    private readonly SemaphoreSlim _running = new(1, 1);

    /// <summary>Test hook: called after each batch's commit with the run's total so far.</summary>
    internal Action<int>? AfterBatch { get; set; }

    private AmlOptions Settings => options.Value.Aml;

    private static string Shorten(string value) => value.Length <= 100 ? value : value[^100..];

    /// <param name="Changed">Items whose matches changed (each got a run screening).</param>
    /// <param name="ScreenedWhole">Items screened against the whole index rather than through the delta from their last lists.</param>
    public sealed record RunOutcome(IReadOnlyList<string> Claimed, int Screened, int WithNewMatches, int Changed = 0, int ScreenedWhole = 0);

    private enum ClaimResult
    {
        Claimed,
        HeldByAnother,
        Finished,
    }

    /// <param name="Slot">For a scheduled run, the day's run time: only what is due then is re-screened.</param>
    private sealed record Plan(IReadOnlyList<string> ClaimKeys, AmlListSet Set, DateTime? Slot)
    {
        /// <summary>Stored on each run (<c>monitoring_key</c>); the same keys in the same order whoever resumes.</summary>
        public string RunKey { get; } = string.Join(',', ClaimKeys.Order(StringComparer.Ordinal));

        /// <summary>The lists as a basis: stored on every item re-screened, compared with by the next run.</summary>
        public MonitoringBasis Basis { get; } = new(Set);
    }

    public static string ScheduleKey(DateTime slot) => SchedulePrefix + slot.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Claims the new versions in <paramref name="changed"/> and, if any claim lands, re-screens everything monitored against <paramref name="set"/>.</summary>
    public async Task<RunOutcome> RunAsync(AmlListSet set, IReadOnlyList<LoadedList> changed, CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            var claimed = new List<string>();
            foreach (var list in changed)
            {
                if (await TryClaimAsync(list.Key, cancellationToken) == ClaimResult.Claimed)
                    claimed.Add(list.Key);
            }
            return claimed.Count == 0 ? new RunOutcome([], 0, 0) : await RunClaimedAsync(new Plan(claimed, set, null), cancellationToken);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>
    /// The scheduled run of <paramref name="slot"/> (spec §16) against the lists loaded now: claims the day and re-screens
    /// what is due. Nothing is claimed while no list is loaded.
    /// </summary>
    public async Task<RunOutcome> RunScheduledAsync(DateTime slot, CancellationToken cancellationToken)
    {
        await _running.WaitAsync(cancellationToken);
        try
        {
            var set = holder.Current;
            if (set is not { Lists.Count: > 0 })
                return new RunOutcome([], 0, 0);
            var key = ScheduleKey(slot);
            return await TryClaimAsync(key, cancellationToken) == ClaimResult.Claimed
                ? await RunClaimedAsync(new Plan([key], set, slot), cancellationToken)
                : new RunOutcome([], 0, 0);
        }
        finally
        {
            _running.Release();
        }
    }

    /// <summary>Whether the claim of <paramref name="key"/> exists and is finished.</summary>
    public async Task<bool> IsFinishedAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        return await db.AmlMonitoringClaims.AnyAsync(c => c.ListKey == key && c.CompletedAt != null, cancellationToken);
    }

    /// <summary>
    /// Takes over unfinished claims of the list versions loaded now whose runner stopped (stale heartbeat), and resumes
    /// them; the schedule calls it every minute, so a killed run does not wait for the next list version.
    /// </summary>
    public async Task<RunOutcome> ResumeStaleAsync(CancellationToken cancellationToken)
    {
        var set = holder.Current;
        if (set is not { Lists.Count: > 0 })
            return new RunOutcome([], 0, 0);
        var keys = set.Lists.Select(l => l.Key).ToList();
        var stale = time.GetUtcNow().UtcDateTime - Settings.MonitoringStaleAfter;
        List<string> abandoned;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
            abandoned = await db.AmlMonitoringClaims
                .Where(c => keys.Contains(c.ListKey) && c.CompletedAt == null && c.HeartbeatAt < stale)
                .Select(c => c.ListKey).ToListAsync(cancellationToken);
        }
        if (abandoned.Count == 0)
            return new RunOutcome([], 0, 0);
        return await RunAsync(set, set.Lists.Where(l => abandoned.Contains(l.Key)).ToList(), cancellationToken);
    }

    /// <summary>
    /// Inserts the claim row for one list version or day, or takes over an unfinished one whose runner stopped (or
    /// which this instance left, since none of its runs is in progress while it claims).
    /// </summary>
    private async Task<ClaimResult> TryClaimAsync(string key, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        // ON CONFLICT DO NOTHING reads the same in SQLite and PostgreSQL; the primary key decides the race.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO aml_monitoring_claims (list_key, claimed_by, claimed_at, heartbeat_at, completed_at, screened, new_matches)
            VALUES ({key}, {_instance}, {now}, {now}, NULL, 0, 0)
            ON CONFLICT (list_key) DO NOTHING
            """, cancellationToken);
        if (inserted == 1)
            return ClaimResult.Claimed;
        var stale = now - Settings.MonitoringStaleAfter;
        var takenOver = await db.AmlMonitoringClaims
            .Where(c => c.ListKey == key && c.CompletedAt == null && (c.HeartbeatAt < stale || c.ClaimedBy == _instance))
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.ClaimedBy, _instance).SetProperty(x => x.HeartbeatAt, now), cancellationToken);
        if (takenOver == 1)
        {
            LogTakenOver(logger, key);
            return ClaimResult.Claimed;
        }
        var finished = await db.AmlMonitoringClaims.AnyAsync(c => c.ListKey == key && c.CompletedAt != null, cancellationToken);
        if (!finished)
            LogAlreadyClaimed(logger, key);
        return finished ? ClaimResult.Finished : ClaimResult.HeldByAnother;
    }

    private async Task<RunOutcome> RunClaimedAsync(Plan plan, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        AmlMetrics.RunStarted();
        var progress = new Progress(plan.RunKey, logger, started);
        try
        {
            await using (var basisScope = scopes.CreateAsyncScope())
                await plan.Basis.SaveAsync(basisScope.ServiceProvider.GetRequiredService<VerilockDbContext>(), time.GetUtcNow().UtcDateTime, cancellationToken);
            var (screeningsAfter, sessionsAfter) = await CursorsAsync(plan, cancellationToken);
            LogRunStarted(logger, plan.RunKey, plan.Set.Index.EntityCount, screeningsAfter.Length > 0 || sessionsAfter.Length > 0);
            await RunPhaseAsync(plan, Phase.Screenings, screeningsAfter, progress, cancellationToken);
            await RunPhaseAsync(plan, Phase.Sessions, sessionsAfter, progress, cancellationToken);

            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            await Claims(db, plan).ExecuteUpdateAsync(c => c
                .SetProperty(x => x.CompletedAt, now)
                .SetProperty(x => x.HeartbeatAt, now), cancellationToken);
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            LogRunFinished(logger, plan.RunKey, progress.Screened, progress.WithNewMatches, seconds, progress.Screened / Math.Max(seconds, 0.001),
                progress.Reading.TotalSeconds, progress.Screening.TotalSeconds, progress.Writing.TotalSeconds, progress.Changed, progress.Whole);
        }
        catch (MonitoringClaimLostException)
        {
            LogClaimLost(logger, plan.RunKey, progress.Screened);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping (a deploy, a restart): leave the claim to whoever comes next without making them wait for it to go stale.
            await ReleaseAsync(plan);
            LogStopped(logger, plan.RunKey, progress.Screened);
            throw;
        }
        finally
        {
            AmlMetrics.RunEnded();
        }
        return new RunOutcome(plan.ClaimKeys, progress.Screened, progress.WithNewMatches, progress.Changed, progress.Whole);
    }

    /// <summary>Marks this instance's unfinished claims of the plan as abandoned (a heartbeat long past), so any instance may take them over now.</summary>
    private async Task ReleaseAsync(Plan plan)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
            await Claims(db, plan).ExecuteUpdateAsync(c => c.SetProperty(x => x.HeartbeatAt, DateTime.UnixEpoch), CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Then it goes stale on its own.
            LogReleaseFailed(logger, plan.RunKey, ex);
        }
    }

    /// <summary>This instance's unfinished claims of the plan.</summary>
    private IQueryable<AmlMonitoringClaim> Claims(VerilockDbContext db, Plan plan) =>
        db.AmlMonitoringClaims.Where(c => plan.ClaimKeys.Contains(c.ListKey) && c.ClaimedBy == _instance && c.CompletedAt == null);

    /// <summary>Where a resumed run starts: the least advanced of its claims (a fresh claim starts at the beginning).</summary>
    private async Task<(string Screenings, string Sessions)> CursorsAsync(Plan plan, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        var claims = await Claims(db, plan).AsNoTracking().ToListAsync(cancellationToken);
        static string Least(IEnumerable<string?> cursors) =>
            cursors.Select(c => c ?? "").Order(StringComparer.Ordinal).FirstOrDefault() ?? "";
        return (Least(claims.Select(c => c.ScreeningsAfter)), Least(claims.Select(c => c.SessionsAfter)));
    }

    private enum Phase
    {
        Screenings,
        Sessions,
    }

    /// <summary>
    /// What one page gave: the items re-screened (to mark, at <paramref name="At"/>), the runs to write (those whose
    /// matches changed), and where the cursor moves.
    /// </summary>
    private sealed record Batch(
        IReadOnlyList<string> Rescreened, IReadOnlyList<AmlScreening> Runs, DateTime At, string After, int Read, int Whole,
        TimeSpan Reading, TimeSpan Screening);

    /// <summary>One item's outcome: re-screened or not (not due, done already, nothing to screen), and its run if its matches changed.</summary>
    private readonly record struct Outcome(bool Rescreened, AmlScreening? Run, bool Whole)
    {
        public static readonly Outcome Skipped = new(false, null, false);
    }

    private static Batch ToBatch(Outcome[] outcomes, IReadOnlyList<string> ids, DateTime at, string after, long reading, long screening) =>
        new(ids.Where((_, i) => outcomes[i].Rescreened).ToList(), outcomes.Select(o => o.Run).OfType<AmlScreening>().ToList(), at, after,
            ids.Count, outcomes.Count(o => o.Whole), Stopwatch.GetElapsedTime(reading, screening), Stopwatch.GetElapsedTime(screening));

    /// <summary>
    /// Reads and screens the next page while the previous one is being written: the reader and the screening threads
    /// on one side of a small channel, the writer on the other.
    /// </summary>
    private async Task RunPhaseAsync(Plan plan, Phase phase, string after, Progress progress, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var batches = Channel.CreateBounded<Batch>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ProduceAsync(plan, phase, after, batches.Writer, stop.Token), CancellationToken.None);
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
            await using var inserts = await MonitoringRunInserts.OpenAsync(db, cancellationToken);
            await foreach (var batch in batches.Reader.ReadAllAsync(cancellationToken))
            {
                var writing = Stopwatch.GetTimestamp();
                var hits = await WriteAsync(db, inserts, plan, phase, batch, cancellationToken);
                progress.Add(batch, hits, Stopwatch.GetElapsedTime(writing));
                AfterBatch?.Invoke(progress.Screened);
            }
            await inserts.CheckpointAsync(force: true, cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await producer;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // Stopped because the writer stopped; the writer's exception is the one that matters.
            }
        }
    }

    private async Task ProduceAsync(Plan plan, Phase phase, string after, ChannelWriter<Batch> batches, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
            await using var reads = await MonitoringReads.OpenAsync(db, cancellationToken);
            var size = Settings.MonitoringBatchSize;
            while (true)
            {
                Batch batch;
                var reading = Stopwatch.GetTimestamp();
                if (phase == Phase.Screenings)
                {
                    var page = await reads.ScreeningsAsync(after, size, cancellationToken);
                    if (page.Count == 0)
                        break;
                    await plan.Basis.PrepareAsync(db, page.Select(p => p.Mark?.BasisKey), cancellationToken);
                    var screening = Stopwatch.GetTimestamp();
                    var now = Clock.ToSeconds(time.GetUtcNow().UtcDateTime);
                    var outcomes = new Outcome[page.Count];
                    OnEveryCore(page.Count, i => outcomes[i] = Rescreen(plan, page[i], now), cancellationToken);
                    batch = ToBatch(outcomes, page.Select(p => p.Id).ToList(), now, page[^1].Id, reading, screening);
                }
                else
                {
                    var page = await reads.SessionsAsync(after, size, cancellationToken);
                    if (page.Count == 0)
                        break;
                    // The rare session monitored without any screening of its own is read whole, before the parallel part.
                    var sources = new LatestScreening?[page.Count];
                    for (var i = 0; i < page.Count; i++)
                        sources[i] = page[i].Latest ?? await WithoutScreeningAsync(db, plan, page[i], cancellationToken);
                    await plan.Basis.PrepareAsync(db, page.Select(p => p.Mark?.BasisKey), cancellationToken);
                    var screening = Stopwatch.GetTimestamp();
                    var now = Clock.ToSeconds(time.GetUtcNow().UtcDateTime);
                    var outcomes = new Outcome[page.Count];
                    OnEveryCore(page.Count, i => outcomes[i] = Rescreen(plan, page[i], sources[i], now), cancellationToken);
                    batch = ToBatch(outcomes, page.Select(p => p.Id).ToList(), now, page[^1].Id, reading, screening);
                }
                await batches.WriteAsync(batch, cancellationToken);
                after = batch.After;
                if (batch.Read < size)
                    break;
            }
            batches.Complete();
        }
        catch (Exception ex)
        {
            batches.Complete(ex);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> for 0..count-1 on one dedicated thread per core and waits. Not on the thread pool:
    /// screening keeps every core busy for minutes, and pool threads blocked that long starve the async continuations
    /// of the rest of the server, among them other writers holding the SQLite write gate while they wait for a thread.
    /// </summary>
    private static void OnEveryCore(int count, Action<int> work, CancellationToken cancellationToken)
    {
        var threads = Math.Max(1, Math.Min(Environment.ProcessorCount, count));
        Exception? failure = null;
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            try
            {
                for (var i = t; i < count && !cancellationToken.IsCancellationRequested; i += threads)
                    work(i);
            }
            catch (Exception ex)
            {
                Interlocked.CompareExchange(ref failure, ex, null);
            }
        }) { IsBackground = true, Name = "aml-monitoring" }).ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        if (failure is not null)
            throw new InvalidOperationException("Screening a monitoring batch failed.", failure);
        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Where an item stands: its latest screening row's time and run key, unless its mark (<c>aml_monitoring_state</c>)
    /// is as recent, which then also says against which lists its matches were found. A mark older than the row (a
    /// screening the item got since) says nothing about the row's matches.
    /// </summary>
    private static (DateTime At, string? RunKey, string? BasisKey) Latest(DateTime rowAt, string? rowKey, MonitoringMark? mark) =>
        mark is not null && mark.At >= rowAt ? (mark.At, mark.RunKey, mark.BasisKey) : (rowAt, rowKey, null);

    /// <summary>A standalone screening's outcome: skipped when it is not to be re-screened now.</summary>
    private static Outcome Rescreen(Plan plan, MonitoredScreening parent, DateTime now)
    {
        var (lastAt, lastKey, basisKey) = Latest(parent.LastScreenedAt, parent.LastRunKey, parent.Mark);
        if (lastKey == plan.RunKey || plan.Slot is { } slot && !parent.Frequency.IsDue(lastAt, slot) ||
            string.IsNullOrWhiteSpace(parent.Query.ScreenedName))
            return Outcome.Skipped;
        var rescreened = MonitoringRescreen.Run(plan.Basis, basisKey, parent.Query, parent.Lists, parent.Threshold, parent.Previous);
        if (!rescreened.Changed)
            return new Outcome(true, null, rescreened.Whole);
        return new Outcome(true, AmlScreening.CreateMonitoringRun(
            new AmlScreening.CreateArgs(parent.AccountId, true, parent.Query, parent.Lists, parent.Threshold, rescreened.Matches,
                parent.ReferenceId, null, MonitoringFrequency: parent.Frequency),
            parent.Id, parent.Previous, plan.RunKey, now), rescreened.Whole);
    }

    /// <summary>A session's outcome from its latest screening (its AML step's, or the last run of it).</summary>
    private static Outcome Rescreen(Plan plan, MonitoredSession session, LatestScreening? latest, DateTime now)
    {
        if (latest is null || string.IsNullOrWhiteSpace(latest.Query.ScreenedName))
            return Outcome.Skipped;
        var (lastAt, lastKey, basisKey) = Latest(latest.CreatedAt, latest.MonitoringKey, session.Mark);
        if (lastKey == plan.RunKey || plan.Slot is { } slot && !session.Frequency.IsDue(lastAt, slot))
            return Outcome.Skipped;
        var rescreened = MonitoringRescreen.Run(plan.Basis, basisKey, latest.Query, latest.Lists, latest.Threshold, latest.Matches);
        if (!rescreened.Changed)
            return new Outcome(true, null, rescreened.Whole);
        return new Outcome(true, AmlScreening.CreateMonitoringRun(
            new AmlScreening.CreateArgs(session.AccountId, true, latest.Query, latest.Lists, latest.Threshold, rescreened.Matches,
                session.ReferenceId, session.Id, MonitoringFrequency: session.Frequency),
            latest.IsMonitoringRun ? latest.ParentScreeningId : latest.Id, latest.Matches, plan.RunKey, now), rescreened.Whole);
    }

    /// <summary>
    /// What a session that has no screening is screened for: the applicant's name (its query as the AML step would
    /// build it), all loaded lists, its threshold; last screened when it was decided.
    /// </summary>
    private async Task<LatestScreening?> WithoutScreeningAsync(VerilockDbContext db, Plan plan, MonitoredSession row, CancellationToken cancellationToken)
    {
        var session = await db.Sessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == row.Id, cancellationToken);
        if (session is null)
            return null;
        return new LatestScreening(
            "", false, null, SessionAmlScreening.QueryFor(session, null), plan.Set.Lists.Select(l => l.Id).ToList(),
            (double?)session.Settings.AmlThreshold ?? Settings.Threshold, [], row.CompletedAt ?? session.CreatedAt, null);
    }

    /// <summary>
    /// One batch, one transaction: the runs (only items whose matches changed have one) that raised nothing in bulk, the
    /// others through EF Core (so their outbox rows are written the usual way), the marks of every item re-screened in
    /// one statement, then the claims' heartbeat, cursor and counts. Returns how many runs found something new.
    /// </summary>
    private async Task<int> WriteAsync(
        VerilockDbContext db, MonitoringRunInserts inserts, Plan plan, Phase phase, Batch batch, CancellationToken cancellationToken)
    {
        var raised = batch.Runs.Where(r => r.PendingEvents.Count > 0).ToList();
        var quiet = raised.Count == 0 ? batch.Runs : batch.Runs.Where(r => r.PendingEvents.Count == 0).ToList();
        await db.WriteTransactionAsync(async ct =>
        {
            await inserts.InsertAsync(quiet, ct);
            if (raised.Count > 0)
            {
                db.AmlScreenings.AddRange(raised);
                await db.SaveChangesAsync(ct);
            }
            await MonitoringStateWrites.MarkAsync(db, batch.Rescreened, batch.At, plan.RunKey, plan.Basis.Key, ct);
            inserts.Marked(batch.Rescreened.Count);
            var now = time.GetUtcNow().UtcDateTime;
            var (screened, hits) = (batch.Rescreened.Count, raised.Count);
            var claims = Claims(db, plan);
            var moved = phase == Phase.Screenings
                ? await claims.ExecuteUpdateAsync(c => c
                    .SetProperty(x => x.HeartbeatAt, now).SetProperty(x => x.ScreeningsAfter, batch.After)
                    .SetProperty(x => x.Screened, x => x.Screened + screened).SetProperty(x => x.NewMatches, x => x.NewMatches + hits), ct)
                : await claims.ExecuteUpdateAsync(c => c
                    .SetProperty(x => x.HeartbeatAt, now).SetProperty(x => x.SessionsAfter, batch.After)
                    .SetProperty(x => x.Screened, x => x.Screened + screened).SetProperty(x => x.NewMatches, x => x.NewMatches + hits), ct);
            // Another instance took a claim over (this one looked dead): roll back and stop.
            if (moved != plan.ClaimKeys.Count)
                throw new MonitoringClaimLostException();
            return 0;
        }, cancellationToken);
        db.ChangeTracker.Clear();
        await inserts.CheckpointAsync(force: false, cancellationToken);
        return raised.Count;
    }

    private sealed class MonitoringClaimLostException : Exception;

    /// <summary>The run's counts, and a log line every <see cref="ProgressEvery"/> rows.</summary>
    private sealed class Progress(string runKey, ILogger logger, long started)
    {
        public int Screened { get; private set; }
        public int WithNewMatches { get; private set; }

        /// <summary>Items whose matches changed (a run row written), and items screened whole rather than through the delta.</summary>
        public int Changed { get; private set; }
        public int Whole { get; private set; }

        /// <summary>Time spent on each side (reading and screening overlap writing).</summary>
        public TimeSpan Reading { get; private set; }
        public TimeSpan Screening { get; private set; }
        public TimeSpan Writing { get; private set; }

        public void Add(Batch batch, int withNewMatches, TimeSpan writing)
        {
            var before = Screened / ProgressEvery;
            Screened += batch.Rescreened.Count;
            WithNewMatches += withNewMatches;
            Changed += batch.Runs.Count;
            Whole += batch.Whole;
            (Reading, Screening, Writing) = (Reading + batch.Reading, Screening + batch.Screening, Writing + writing);
            AmlMetrics.BatchWritten(batch.Rescreened.Count, withNewMatches, Screened);
            if (Screened / ProgressEvery > before)
            {
                var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                LogProgress(logger, runKey, Screened, WithNewMatches, Screened / Math.Max(seconds, 0.001),
                    Reading.TotalSeconds, Screening.TotalSeconds, Writing.TotalSeconds);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AML monitoring for {RunKey} started against {Entities} entities (resuming: {Resuming})")]
    private static partial void LogRunStarted(ILogger logger, string runKey, int entities, bool resuming);

    [LoggerMessage(Level = LogLevel.Information, Message = "AML monitoring for {RunKey}: {Screened} re-screened so far, {WithNewMatches} with new matches, {Rate:0}/s (reading {Reading:0.0} s, screening {Screening:0.0} s, writing {Writing:0.0} s)")]
    private static partial void LogProgress(ILogger logger, string runKey, int screened, int withNewMatches, double rate, double reading, double screening, double writing);

    [LoggerMessage(Level = LogLevel.Information, Message = "AML monitoring for {RunKey}: {Screened} re-screened, {WithNewMatches} with new matches, in {Seconds:0.0} s ({Rate:0}/s; reading {Reading:0.0} s, screening {Screening:0.0} s, writing {Writing:0.0} s; {Changed} changed, {Whole} screened whole)")]
    private static partial void LogRunFinished(ILogger logger, string runKey, int screened, int withNewMatches, double seconds, double rate, double reading, double screening, double writing, int changed, int whole);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AML monitoring for {Key} was left unfinished by a stopped instance; taking it over")]
    private static partial void LogTakenOver(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "AML monitoring for {Key} is claimed by another run")]
    private static partial void LogAlreadyClaimed(ILogger logger, string key);

    [LoggerMessage(Level = LogLevel.Information, Message = "AML monitoring for {RunKey} stopped after {Screened} re-screened; the next instance resumes it")]
    private static partial void LogStopped(ILogger logger, string runKey, int screened);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AML monitoring for {RunKey}: could not release its claim; it will go stale")]
    private static partial void LogReleaseFailed(ILogger logger, string runKey, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AML monitoring for {RunKey} stopped after {Screened} re-screened: another instance took the claim over")]
    private static partial void LogClaimLost(ILogger logger, string runKey, int screened);
}
