using System.Text.Json;
using System.Text.Json.Nodes;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Documents;
using Verilock.Server.Media;

namespace Verilock.Server.Verify;

/// <summary>
/// <c>POST /verify/{token}/api/documents</c> (spec §13): the upload of §8.4 for the applicant, once consent is
/// given, answered with the Document and the flow's immediate <c>feedback</c> on the photo.
/// </summary>
public static class UploadFlowDocument
{
    public static async Task<IResult> Handle(
        string token, HttpContext context, VerilockDbContext db, MediaUploads uploads, UploadFeedback feedback, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (session, error) = await FlowSessions.FindWritableAsync(db, token, time, needsConsent: true, cancellationToken);
        if (session is null)
            return error!;
        var outcome = await UploadDocument.AcceptAsync(context, session, db, uploads, time, cancellationToken);
        if (outcome.Error is not null)
            return outcome.Error;
        var verdict = await feedback.ForDocumentAsync(session.Document!, outcome.Sides[^1], cancellationToken);
        return WithFeedback(outcome.Document!, verdict);
    }

    /// <summary>The API's object with <c>feedback</c> added, so the flow sees exactly what an integrator would plus advice.</summary>
    public static IResult WithFeedback<T>(T body, UploadFeedback.Verdict verdict)
    {
        var json = JsonSerializer.SerializeToNode(body, ApiJson.Options)!.AsObject();
        json["feedback"] = new JsonObject { ["problems"] = new JsonArray(verdict.Problems.Select(p => (JsonNode)p).ToArray()) };
        return Results.Json(json, ApiJson.Options);
    }
}
