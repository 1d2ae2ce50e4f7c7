using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Aml;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Hosting;

namespace Verilock.Server.Sessions;

/// <summary><c>GET /api/v1/sessions/{id}</c> (spec §8.3).</summary>
public static class GetSession
{
    public static async Task<IResult> Handle(
        string id, HttpContext context, OwnedSessions owned, VerilockDbContext db, PublicOrigin origin,
        CancellationToken cancellationToken)
    {
        var session = await owned.FindAsync(context.Caller(), id, cancellationToken);
        return session is null
            ? ApiError.NotFound("No such session.")
            : Results.Json(SessionResponse.From(session, origin.For(context.Request),
                await MonitoringFields.LastRunAsync(db, session, cancellationToken)), ApiJson.Options);
    }
}
