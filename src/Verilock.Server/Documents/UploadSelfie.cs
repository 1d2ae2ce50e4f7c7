using Verilock.Domain.Media;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Media;
using Verilock.Server.Sessions;

namespace Verilock.Server.Documents;

/// <summary><c>POST /api/v1/sessions/{id}/selfie</c> (spec §8.5): one JPEG or PNG in field <c>image</c> or <c>file</c>.</summary>
public static class UploadSelfie
{
    private static readonly HashSet<string> FileFields = ["image", "file"];
    private static readonly MediaKind[] Accepted = [MediaKind.Jpeg, MediaKind.Png];

    public static async Task<IResult> Handle(
        string id, HttpContext context, OwnedSessions owned, VerilockDbContext db, MediaUploads uploads, TimeProvider time, CancellationToken cancellationToken)
    {
        var session = await owned.FindAsync(context.Caller(), id, cancellationToken);
        if (session is null)
            return ApiError.NotFound("No such session.");
        var outcome = await AcceptAsync(context, session, db, uploads, time, cancellationToken);
        return outcome.Error ?? Results.Json(outcome.Selfie, ApiJson.Options);
    }

    /// <summary>The answer to an upload: the error to send, or the selfie.</summary>
    public sealed record Outcome(IResult? Error, SelfieResponse? Selfie);

    /// <summary>The upload into a session the caller may write to, however it was authorised (API key or hosted-flow token).</summary>
    public static async Task<Outcome> AcceptAsync(
        HttpContext context, Session session, VerilockDbContext db, MediaUploads uploads, TimeProvider time, CancellationToken cancellationToken)
    {
        var (form, formError) = await MediaUploads.ReadFormAsync(context.Request, session, VerificationStep.Selfie, FileFields, time, cancellationToken);
        if (form is null)
            return new Outcome(formError, null);
        var file = form.Files.GetValueOrDefault("image") ?? form.Files.GetValueOrDefault("file");
        if (file is null)
        {
            var errors = new ValidationErrors();
            errors.Add("image", "The image file is required (field image or file).");
            return new Outcome(errors.ToResult(), null);
        }
        var (kind, error) = MediaUploads.Check(file, Accepted);
        if (error is not null)
            return new Outcome(error, null);

        var conflict = await uploads.AttachAsync(db, session, VerificationStep.Selfie, [(file, kind!.Value)],
            (stored, now) => session.PutSelfie(stored[0], now), cancellationToken);
        return conflict is not null ? new Outcome(conflict, null) : new Outcome(null, SelfieResponse.From(session.Id, session.Selfie!));
    }
}
