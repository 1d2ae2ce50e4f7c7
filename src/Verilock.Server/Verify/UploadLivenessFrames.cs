using Verilock.Domain.Media;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Media;
using Verilock.Server.Sessions;

namespace Verilock.Server.Verify;

/// <summary>
/// <c>POST /verify/{token}/api/liveness</c> (spec §13): the active-liveness burst, 8–12 JPEG or PNG files in the
/// repeated field <c>frames</c>, in capture order. Stored encrypted like every upload; a new burst replaces the last.
/// </summary>
public static class UploadLivenessFrames
{
    public sealed record Response(string Status, int FrameCount);

    private static readonly HashSet<string> FileFields = ["frames"];
    private static readonly MediaKind[] Accepted = [MediaKind.Jpeg, MediaKind.Png];

    public static async Task<IResult> Handle(
        string token, HttpContext context, OwnedSessions owned, VerilockDbContext db, MediaUploads uploads, CancellationToken cancellationToken)
    {
        var (session, refusal) = await owned.FindFlowWritableAsync(token, needsConsent: true, cancellationToken);
        if (session is null)
            return refusal!;
        if (!session.NeedsLivenessFrames)
            return ApiError.Conflict("This session has no active liveness step; it takes no frames.");

        var read = await MultipartForm.ReadAsync(context.Request, FileFields, cancellationToken);
        if (read.Error is not null)
            return read.Error;
        var frames = read.Form!.AllFiles;
        if (frames.Count is < SessionLiveness.MinFrames or > SessionLiveness.MaxFrames)
        {
            var errors = new ValidationErrors();
            errors.Add("frames", $"Send {SessionLiveness.MinFrames} to {SessionLiveness.MaxFrames} frames (field frames, repeated); {frames.Count} were sent.");
            return errors.ToResult();
        }
        var checkedFrames = new List<(MultipartForm.FilePart, MediaKind)>();
        foreach (var frame in frames)
        {
            var (kind, error) = MediaUploads.Check(frame, Accepted);
            if (error is not null)
                return error;
            checkedFrames.Add((frame, kind!.Value));
        }

        var conflict = await uploads.AttachAsync(db, session, VerificationStep.Liveness, checkedFrames,
            (stored, now) => session.PutLivenessFrames(stored, now), cancellationToken);
        return conflict ?? Results.Json(new Response("uploaded", frames.Count), ApiJson.Options);
    }
}
