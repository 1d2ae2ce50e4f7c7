using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Transactions;

/// <summary>
/// A transaction's <c>session_id</c> must name a session of the caller's account and mode: its events go to that
/// session's <c>webhook_url</c> and its list filter would otherwise collect ids nobody can open. One query for a batch.
/// </summary>
public static class TransactionSessions
{
    /// <summary>Adds a 422 under <c>&lt;prefix(i)&gt;session_id</c> for each request whose session is not one of the scope's.</summary>
    public static async Task CheckAsync(
        VerilockDbContext db, AccountScope scope, IReadOnlyList<TransactionRequest> requests, Func<int, string> prefix, ValidationErrors errors,
        CancellationToken cancellationToken)
    {
        var named = requests.Select(r => r.SessionId).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        if (named.Count == 0)
            return;
        var found = (await db.Sessions.AsNoTracking()
            .Where(s => s.AccountId == scope.AccountId && s.LiveMode == scope.LiveMode && named.Contains(s.Id))
            .Select(s => s.Id).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i].SessionId is { } id && !found.Contains(id))
            {
                var path = prefix(i) + "session_id";
                errors.Add(path, $"The {path} is not a session of this account in this mode.");
            }
        }
    }
}
