using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Verilock.Domain.Aml;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Hosting;

namespace Verilock.Server.Aml;

/// <summary>
/// Continuous monitoring (spec §11.4). When lists arrive in a new version, re-screens approved live
/// sessions with <c>monitoring_enabled</c> and live standalone screenings that are <c>clear</c> with monitoring
/// on. Each re-screen is stored as a monitoring run (<c>is_monitoring_run</c>, <c>parent_screening_id</c>); a
/// run that finds an entity its previous screening had not emits <c>aml.monitoring.match</c>.
/// Every server instance loads lists on its own, so each run is claimed first: one row per list
/// version, inserted if absent; only the instance whose insert lands runs it. The runner renews the
/// claim's heartbeat after every batch; a claim left unfinished with a stale heartbeat (its instance
/// died) is taken over by the next instance that loads that version, which skips what already has a
/// run of that key. Test-mode objects are not monitored: their sandbox list never changes.
/// </summary>
public sealed partial class AmlMonitoring(
    IServiceScopeFactory scopes, IOptions<VerilockOptions> options, TimeProvider time, ILogger<AmlMonitoring> logger)
{
    private const int Batch = 200;

    /// <summary>An unfinished claim whose heartbeat is older than this belongs to an instance that stopped.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(10);

    /// <summary>Who holds a claim, for operators reading the claims table.</summary>
    private static readonly string Instance = Shorten($"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}");

    private static string Shorten(string value) => value.Length <= 100 ? value : value[^100..];

    public sealed record RunOutcome(IReadOnlyList<string> Claimed, int Screened, int WithNewMatches);

    /// <summary>Claims the new versions in <paramref name="changed"/> and, if any claim lands, re-screens everything monitored against <paramref name="set"/>.</summary>
    public async Task<RunOutcome> RunAsync(AmlListSet set, IReadOnlyList<LoadedList> changed, CancellationToken cancellationToken)
    {
        var claimed = new List<string>();
        foreach (var list in changed)
        {
            if (await TryClaimAsync(list.Key, cancellationToken))
                claimed.Add(list.Key);
        }
        if (claimed.Count == 0)
            return new RunOutcome([], 0, 0);

        var runKey = string.Join(',', claimed);
        var (screenings, screeningHits) = await RescreenScreeningsAsync(set, runKey, claimed, cancellationToken);
        var (sessions, sessionHits) = await RescreenSessionsAsync(set, runKey, claimed, cancellationToken);
        var outcome = new RunOutcome(claimed, screenings + sessions, screeningHits + sessionHits);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        await db.AmlMonitoringClaims.Where(c => claimed.Contains(c.ListKey)).ExecuteUpdateAsync(c => c
            .SetProperty(x => x.CompletedAt, now)
            .SetProperty(x => x.Screened, outcome.Screened)
            .SetProperty(x => x.NewMatches, outcome.WithNewMatches), cancellationToken);
        LogRunFinished(logger, runKey, outcome.Screened, outcome.WithNewMatches);
        return outcome;
    }

    /// <summary>
    /// Inserts the claim row for one list version, or takes over an unfinished one whose runner stopped;
    /// true when this instance now holds it.
    /// </summary>
    private async Task<bool> TryClaimAsync(string listKey, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        // ON CONFLICT DO NOTHING reads the same in SQLite and PostgreSQL; the primary key decides the race.
        var inserted = await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO aml_monitoring_claims (list_key, claimed_by, claimed_at, heartbeat_at, completed_at, screened, new_matches)
            VALUES ({listKey}, {Instance}, {now}, {now}, NULL, 0, 0)
            ON CONFLICT (list_key) DO NOTHING
            """, cancellationToken);
        if (inserted == 1)
            return true;
        var stale = now - StaleAfter;
        var takenOver = await db.AmlMonitoringClaims
            .Where(c => c.ListKey == listKey && c.CompletedAt == null && c.HeartbeatAt < stale)
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.ClaimedBy, Instance).SetProperty(x => x.HeartbeatAt, now), cancellationToken);
        if (takenOver == 1)
            LogTakenOver(logger, listKey);
        else
            LogAlreadyClaimed(logger, listKey);
        return takenOver == 1;
    }

    private static Task HeartbeatAsync(VerilockDbContext db, IReadOnlyList<string> claimed, DateTime now, CancellationToken cancellationToken) =>
        db.AmlMonitoringClaims.Where(c => claimed.Contains(c.ListKey))
            .ExecuteUpdateAsync(c => c.SetProperty(x => x.HeartbeatAt, now), cancellationToken);

    private async Task<(int Screened, int WithNewMatches)> RescreenScreeningsAsync(
        AmlListSet set, string runKey, IReadOnlyList<string> claimed, CancellationToken cancellationToken)
    {
        int screened = 0, hits = 0;
        var after = "";
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
            var parents = await db.AmlScreenings.AsNoTracking()
                .Where(s => s.MonitoringEnabled && s.Status == AmlScreeningStatus.Clear && s.LiveMode && !s.IsMonitoringRun &&
                            s.SessionId == null && string.Compare(s.Id, after) > 0 &&
                            !db.AmlScreenings.Any(r => r.ParentScreeningId == s.Id && r.MonitoringKey == runKey))
                .OrderBy(s => s.Id).Take(Batch)
                .ToListAsync(cancellationToken);
            if (parents.Count == 0)
                break;
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var parent in parents)
            {
                var previous = await db.AmlScreenings.AsNoTracking()
                    .Where(r => r.ParentScreeningId == parent.Id)
                    .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
                    .Select(r => r.Matches)
                    .FirstOrDefaultAsync(cancellationToken) ?? parent.Matches;
                var run = Rescreen(set, parent.AccountId, parent.Query, parent.Lists, parent.Threshold, parent.ReferenceId, null, parent.Id, previous, runKey, now);
                db.AmlScreenings.Add(run);
                screened++;
                hits += run.PendingEvents.Count > 0 ? 1 : 0;
            }
            await db.SaveChangesAsync(cancellationToken);
            await HeartbeatAsync(db, claimed, time.GetUtcNow().UtcDateTime, cancellationToken);
            after = parents[^1].Id;
        }
        return (screened, hits);
    }

    private async Task<(int Screened, int WithNewMatches)> RescreenSessionsAsync(
        AmlListSet set, string runKey, IReadOnlyList<string> claimed, CancellationToken cancellationToken)
    {
        int screened = 0, hits = 0;
        var after = "";
        var allLists = set.Lists.Select(l => l.Id).ToList();
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
            var sessions = await db.Sessions.AsNoTracking()
                .Where(s => s.MonitoringEnabled && s.Status == SessionStatus.Approved && s.LiveMode && string.Compare(s.Id, after) > 0 &&
                            !db.AmlScreenings.Any(r => r.AccountId == s.AccountId && r.LiveMode && r.SessionId == s.Id && r.MonitoringKey == runKey))
                .OrderBy(s => s.Id).Take(Batch)
                .ToListAsync(cancellationToken);
            if (sessions.Count == 0)
                break;
            var now = time.GetUtcNow().UtcDateTime;
            foreach (var session in sessions)
            {
                // The session's latest screening: its aml step's, or the last monitoring run of it.
                var latest = await db.AmlScreenings.AsNoTracking()
                    .Where(r => r.SessionId == session.Id && r.AccountId == session.AccountId && r.LiveMode)
                    .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
                    .FirstOrDefaultAsync(cancellationToken);
                var query = latest?.Query ?? SessionAmlScreening.QueryFor(session, null);
                if (string.IsNullOrWhiteSpace(query.ScreenedName))
                    continue;
                var run = Rescreen(
                    set, session.AccountId, query, latest?.Lists ?? allLists,
                    latest?.Threshold ?? (double?)session.Settings.AmlThreshold ?? options.Value.Aml.Threshold,
                    session.ReferenceId, session.Id, latest is { IsMonitoringRun: true } ? latest.ParentScreeningId : latest?.Id,
                    latest?.Matches ?? [], runKey, now);
                db.AmlScreenings.Add(run);
                screened++;
                hits += run.PendingEvents.Count > 0 ? 1 : 0;
            }
            await db.SaveChangesAsync(cancellationToken);
            await HeartbeatAsync(db, claimed, time.GetUtcNow().UtcDateTime, cancellationToken);
            after = sessions[^1].Id;
        }
        return (screened, hits);
    }

    private static AmlScreening Rescreen(
        AmlListSet set, Guid accountId, AmlQuery query, IReadOnlyList<string> lists, double threshold, string? referenceId,
        string? sessionId, string? parentId, IReadOnlyList<AmlMatch> previous, string runKey, DateTime now)
    {
        var matches = AmlScreener.Screen(set, query, lists, threshold);
        return AmlScreening.CreateMonitoringRun(
            new AmlScreening.CreateArgs(accountId, true, query, lists, threshold, matches, referenceId, sessionId),
            parentId, previous, runKey, now);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AML monitoring for {ListKeys}: {Screened} re-screened, {WithNewMatches} with new matches")]
    private static partial void LogRunFinished(ILogger logger, string listKeys, int screened, int withNewMatches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AML monitoring for {ListKey} was left unfinished by a stopped instance; taking it over")]
    private static partial void LogTakenOver(ILogger logger, string listKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "AML monitoring for {ListKey} was already claimed by another run")]
    private static partial void LogAlreadyClaimed(ILogger logger, string listKey);
}
