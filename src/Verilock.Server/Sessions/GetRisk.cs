using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Sessions;

/// <summary><c>GET /api/v1/sessions/{id}/risk</c> (spec §10): the breakdown fixed when the checks finished.</summary>
public static class GetRisk
{
    public sealed record Component(int Score, double Weight, double WeightedScore, System.Text.Json.Nodes.JsonObject Details);

    public sealed record Response(
        string SessionId, int CompositeScore, string RiskLevel, IReadOnlyDictionary<string, Component> Components, DateTime CalculatedAt);

    public static async Task<IResult> Handle(
        string id, HttpContext context, OwnedSessions owned, CancellationToken cancellationToken)
    {
        var session = await owned.FindAsync(context.Caller(), id, cancellationToken);
        if (session is null || session.IsRedacted)
            return ApiError.NotFound("No such session.");
        if (session.Risk is not { } risk)
            return ApiError.Conflict("The risk is available once the session's checks have produced a decision.");
        return Results.Json(new Response(
            session.Id,
            risk.CompositeScore,
            risk.Level,
            risk.Components.ToDictionary(c => c.Name, c => new Component(c.Score, c.Weight, c.WeightedScore, c.Details)),
            risk.CalculatedAt), ApiJson.Options);
    }
}
