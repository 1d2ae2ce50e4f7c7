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
        if (session is null)
            return ApiError.NotFound("No such session.");
        if (session.UploadRefusal(VerificationStep.Selfie, time.GetUtcNow().UtcDateTime) is { } refusal)
            return ApiError.Conflict(refusal);

        var read = await MultipartForm.ReadAsync(context.Request, FileFields, cancellationToken);
        if (read.Error is not null)
            return read.Error;
        var file = read.Form!.Files.GetValueOrDefault("image") ?? read.Form.Files.GetValueOrDefault("file");
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
