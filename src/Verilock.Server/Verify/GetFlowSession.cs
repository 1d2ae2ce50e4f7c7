using System.Text.Json.Serialization;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Sessions;

namespace Verilock.Server.Verify;

/// <summary>
/// <c>GET /verify/{token}/api/session</c> (spec §13): what the hosted flow needs to guide the applicant, and
/// nothing of the applicant's personal data. The challenge order is the session's own, drawn at creation.
/// </summary>
public static class GetFlowSession
{
    public sealed record Liveness(string Mode, IReadOnlyList<string> Challenges);

    public sealed record Uploads(
        [property: JsonPropertyName("document_front")] bool DocumentFront,
        [property: JsonPropertyName("document_back")] bool DocumentBack,
        bool Selfie,
        [property: JsonPropertyName("liveness_frames")] bool LivenessFrames);

    public sealed record Response(
        string SessionId, string Status, IReadOnlyList<string> Steps, IReadOnlyList<string> DocumentTypes, Liveness? Liveness,
        bool ConsentGiven, Uploads Uploads, DateTime ExpiresAt, string? RedirectTo);

    public static async Task<IResult> Handle(string token, OwnedSessions owned, CancellationToken cancellationToken)
    {
        var session = await owned.FindByFlowTokenAsync(token, cancellationToken);
        if (session is null)
            return ApiError.NotFound("No such session.");
        var liveness = !session.Steps.Contains(VerificationStep.Liveness) ? null
            : session.Liveness is { } active ? new Liveness("active", active.Challenges)
            : new Liveness("passive", []);
        return Results.Json(new Response(
            session.Id,
            session.Status.ToWire(),
            session.Steps.Select(s => s.ToWire()).ToList(),
            session.Settings.DocumentTypes,
            liveness,
            session.ConsentGivenAt is not null,
            new Uploads(session.Document?.Front is not null, session.Document?.Back is not null, session.Selfie is not null,
                session.Liveness?.Frames.Count > 0),
            session.ExpiresAt,
            FlowSessions.RedirectTo(session)), ApiJson.Options);
    }
}
