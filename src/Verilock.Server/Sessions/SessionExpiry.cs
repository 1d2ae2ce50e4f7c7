using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Sessions;

/// <summary>
/// Turns due <c>created</c> sessions into <c>expired</c> (spec §7.2). The housekeeping service sweeps all
/// accounts; reads also expire what is due first, so every endpoint reports an expiry at once rather than
/// after the next sweep.
/// </summary>
public static class SessionExpiry
{
    private const int Batch = 200;

    /// <summary>Expires due sessions of one account and mode (cheap when none are due: one index probe).</summary>
    public static Task<int> ExpireDueAsync(VerilockDbContext db, Guid accountId, bool liveMode, DateTime now, CancellationToken cancellationToken) =>
        ExpireAsync(db, db.Sessions.Where(s => s.AccountId == accountId && s.LiveMode == liveMode), now, cancellationToken);

    /// <summary>Expires due sessions of every account, in batches; returns how many changed.</summary>
    public static Task<int> ExpireAllDueAsync(VerilockDbContext db, DateTime now, CancellationToken cancellationToken) =>
        ExpireAsync(db, db.Sessions, now, cancellationToken);

    /// <summary>Expires one loaded session if it is due, so a single read never shows a stale status.</summary>
    public static async Task ExpireIfDueAsync(VerilockDbContext db, Session session, DateTime now, CancellationToken cancellationToken)
    {
        if (!session.ExpireIfDue(now))
            return;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another request or server expired it first; its outcome is the same, so reload and go on.
            await db.Entry(session).ReloadAsync(cancellationToken);
        }
    }

    private static async Task<int> ExpireAsync(VerilockDbContext db, IQueryable<Session> scope, DateTime now, CancellationToken cancellationToken)
    {
        var dueSessions = scope.Where(s => s.Status == SessionStatus.Created && s.ExpiresAt <= now);
        // Nearly every call finds nothing due: an EXISTS probe costs a fraction of loading whole sessions.
        if (!await dueSessions.AnyAsync(cancellationToken))
            return 0;
        var expired = 0;
        while (true)
        {
            var due = await dueSessions
                .OrderBy(s => s.ExpiresAt)
                .Take(Batch)
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
                return expired;
            foreach (var session in due)
                session.ExpireIfDue(now);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                expired += due.Count;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone else (a read, another instance) expired some of these; start over from fresh rows.
            }
            db.ChangeTracker.Clear();
            if (due.Count < Batch)
                return expired;
        }
    }
}
