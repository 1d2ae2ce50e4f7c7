using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Reads;

namespace Verilock.Server.Sessions;

/// <summary>
/// Reads one page of the session list through <see cref="SessionListReader"/>, expiring due sessions first so
/// the page never shows a stale status: the API's list and the dashboard's both read this way. Scoped; the
/// context comes from a pool and opens no connection unless something is due.
/// </summary>
public sealed class SessionListing(SessionListReader reader, SessionExpiryHorizon horizon, VerilockDbContext db)
{
    public async Task<SessionListPage> ReadAsync(SessionListQuery query, DateTime now, CancellationToken cancellationToken)
    {
        if (!horizon.IsClear(query.AccountId, query.LiveMode, now))
        {
            var next = await reader.NextExpiryAsync(query.AccountId, query.LiveMode, cancellationToken);
            if (next <= now)
            {
                // Some sessions are due: expire them through the aggregate (events, counters) before answering.
                await SessionExpiry.ExpireDueAsync(db, query.AccountId, query.LiveMode, now, cancellationToken);
                next = await reader.NextExpiryAsync(query.AccountId, query.LiveMode, cancellationToken);
            }
            if (next is null || next > now)
                horizon.Record(query.AccountId, query.LiveMode, now, next);
        }
        return await reader.ReadAsync(query, cancellationToken);
    }
}
