using Verilock.Domain.Aml;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Aml;

/// <summary><c>POST /api/v1/aml/screen/{id}/decision</c> (spec §11.3): a reviewer's verdict; never changes a session.</summary>
public static class DecideScreening
{
    public static async Task<IResult> Handle(
        string id, HttpContext context, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var errors = new ValidationErrors();
        var fields = new JsonFields(body.Root, errors);
        var decisionText = fields.String("decision", 32);
        if (decisionText is null && !errors.Has("decision"))
            errors.Add("decision", "The decision field is required.");
        else if (decisionText is not null && !AmlScreeningStatuses.TryParseDecision(decisionText, out _))
            errors.Add("decision", $"The selected decision is invalid. Allowed: {AmlScreeningStatuses.AllowedDecisions}.");
        var reason = fields.String("reason", 1000);
        if (errors.Any)
            return errors.ToResult();
        _ = AmlScreeningStatuses.TryParseDecision(decisionText, out var decision);

        var caller = context.Caller();
        var screening = await GetScreening.FindOwnedAsync(db.AmlScreenings, caller, id, cancellationToken);
        if (screening is null)
            return ApiError.NotFound("No such screening.");

        var outcome = await ScreeningDecision.ApplyAsync(
            db, screening, decision, reason, caller.KeyPrefix, time.GetUtcNow().UtcDateTime, cancellationToken);
        if (outcome.Conflict is not null)
            return ApiError.Conflict(outcome.Conflict);
        return Results.Json(ScreeningResponse.From(screening, await MonitoringFields.LastRunAsync(db, screening, cancellationToken)), ApiJson.Options);
    }
}
