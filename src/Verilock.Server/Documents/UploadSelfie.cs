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
        string id, HttpContext context, VerilockDbContext db, MediaUploads uploads, TimeProvider time, CancellationToken cancellationToken)
    {
        var session = await GetSession.FindOwnedAsync(db, context.Caller(), id, time, cancellationToken);
        return session is null
            ? ApiError.NotFound("No such session.")
            : await AcceptAsync(context, session, db, uploads, time, cancellationToken);
    }

    /// <summary>The upload into a session the caller may write to, however it was authorised (API key or hosted-flow token).</summary>
    public static async Task<IResult> AcceptAsync(
        HttpContext context, Session session, VerilockDbContext db, MediaUploads uploads, TimeProvider time, CancellationToken cancellationToken)
    {
        var (form, formError) = await MediaUploads.ReadFormAsync(context.Request, session, VerificationStep.Selfie, FileFields, time, cancellationToken);
        if (form is null)
            return formError!;
        var file = form.Files.GetValueOrDefault("image") ?? form.Files.GetValueOrDefault("file");
        if (file is null)
        {
            var errors = new ValidationErrors();
            errors.Add("image", "The image file is required (field image or file).");
            return errors.ToResult();
        }
        var (kind, error) = MediaUploads.Check(file, Accepted);
        if (error is not null)
            return error;

        var conflict = await uploads.AttachAsync(db, session, VerificationStep.Selfie, [(file, kind!.Value)],
            (stored, now) => session.PutSelfie(stored[0], now), cancellationToken);
        return conflict ?? Results.Json(SelfieResponse.From(session.Id, session.Selfie!), ApiJson.Options);
    }
}
