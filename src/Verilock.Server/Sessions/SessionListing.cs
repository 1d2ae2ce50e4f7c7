using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Reads;

namespace Verilock.Server.Sessions;

/// <summary>
/// Reads one page of the session list through <see cref="SessionListReader"/>, expiring due sessions first so
/// the page never shows a stale status: the API's list and the dashboard's both read this way.
/// </summary>
public static class SessionListing
{
    public static async Task<SessionListPage> ReadAsync(
        SessionListReader reader, IServiceProvider services, SessionListQuery query, DateTime now, CancellationToken cancellationToken)
    {
        var horizon = services.GetRequiredService<SessionExpiryHorizon>();
        if (!horizon.IsClear(query.AccountId, query.LiveMode, now))
        {
            var next = await reader.NextExpiryAsync(query.AccountId, query.LiveMode, cancellationToken);
            if (next <= now)
            {
                // Some sessions are due: expire them through the aggregate (events, counters) before answering.
                var db = services.GetRequiredService<VerilockDbContext>();
                await SessionExpiry.ExpireDueAsync(db, query.AccountId, query.LiveMode, now, cancellationToken);
                next = await reader.NextExpiryAsync(query.AccountId, query.LiveMode, cancellationToken);
            }
            if (next is null || next > now)
                horizon.Record(query.AccountId, query.LiveMode, now, next);
        }
        return await reader.ReadAsync(query, cancellationToken);
    }
}
