using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Hosting;

namespace Verilock.Server.Sessions;

/// <summary><c>POST /api/v1/sessions/{id}/decision</c>: a manual decision on a session in review (spec §8.8).</summary>
public static class DecideSession
{
    public static async Task<IResult> Handle(
        string id, HttpContext context, OwnedSessions owned, VerilockDbContext db, TimeProvider time, PublicOrigin origin, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var errors = new ValidationErrors();
        var fields = new JsonFields(body.Root, errors);
        var decisionText = fields.String("decision", 16);
        SessionDecision? decision = decisionText switch
        {
            "approved" => SessionDecision.Approved,
            "declined" => SessionDecision.Declined,
            _ => null,
        };
        if (decisionText is null && !errors.Has("decision"))
            errors.Add("decision", "The decision field is required.");
        else if (decisionText is not null && decision is null)
            errors.Add("decision", "The selected decision is invalid. Allowed: approved, declined.");
        var reason = fields.String("reason", 1000);
        if (errors.Any)
            return errors.ToResult();

        var caller = context.Caller();
        var session = await owned.FindAsync(caller, id, cancellationToken);
        if (session is null)
            return ApiError.NotFound("No such session.");

        var outcome = await ManualDecision.ApplyAsync(
            db, session, decision!.Value, reason, caller.KeyPrefix, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (outcome.Conflict is not null)
            return ApiError.Conflict(outcome.Conflict);
        return Results.Json(SessionResponse.From(session, origin.For(context.Request),
            await Aml.MonitoringFields.LastRunAsync(db, session, cancellationToken)), ApiJson.Options);
    }
}
