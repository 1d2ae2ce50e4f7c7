using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Hosting;

namespace Verilock.Server.Sessions;

/// <summary><c>GET /api/v1/sessions/{id}</c> (spec §8.3).</summary>
public static class GetSession
{
    public static async Task<IResult> Handle(
        string id, HttpContext context, VerilockDbContext db, TimeProvider time, PublicOrigin origin, CancellationToken cancellationToken)
    {
        var session = await FindOwnedAsync(db, context.Caller(), id, time, cancellationToken);
        return session is null
            ? ApiError.NotFound("No such session.")
            : Results.Json(SessionResponse.From(session, origin.For(context.Request),
                await Aml.MonitoringFields.LastRunAsync(db, session, cancellationToken)), ApiJson.Options);
    }

    /// <summary>
    /// Loads a session of the caller's account and mode (anything else is simply not found, spec §2.1),
    /// expiring it first when due so the caller never sees a stale status.
    /// </summary>
    public static async Task<Session?> FindOwnedAsync(
        VerilockDbContext db, AccountScope scope, string id, TimeProvider time, CancellationToken cancellationToken)
    {
        if (id.Length > 40)
            return null;
        var session = await db.Sessions
            .FirstOrDefaultAsync(s => s.Id == id && s.AccountId == scope.AccountId && s.LiveMode == scope.LiveMode, cancellationToken);
        if (session is not null)
            await SessionExpiry.ExpireIfDueAsync(db, session, time.GetUtcNow().UtcDateTime, cancellationToken);
        return session;
    }
}
