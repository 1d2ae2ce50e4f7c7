using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;
using Verilock.Server.Documents;
using Verilock.Server.Limits;
using Verilock.Server.Media;
using Verilock.Server.Sessions;

namespace Verilock.Server.Verify;

/// <summary>
/// <c>POST /verify/{token}/api/selfie</c> (spec §13): the upload of §8.5 for the applicant, once consent is given,
/// answered with the Selfie and the flow's immediate <c>feedback</c> (no face, several faces).
/// </summary>
public static class UploadFlowSelfie
{
    public static async Task<IResult> Handle(
        string token, HttpContext context, OwnedSessions owned, VerilockDbContext db, MediaUploads uploads, UploadFeedback feedback,
        InRequestAnalysis analysis, TimeProvider time, CancellationToken cancellationToken)
    {
        var (session, error) = await owned.FindFlowWritableAsync(token, needsConsent: true, cancellationToken);
        if (session is null)
            return error!;
        // Before the body is read or stored: a refused upload changed nothing and is sent again as it is.
        using var slot = await analysis.EnterAsync(cancellationToken);
        if (!slot.IsAcquired)
            return ApiError.Unavailable(InRequestAnalysis.RetryAfterSeconds);
        var outcome = await UploadSelfie.AcceptAsync(context, session, db, uploads, time, cancellationToken);
        if (outcome.Error is not null)
            return outcome.Error;
        var verdict = await feedback.ForSelfieAsync(session.Selfie!, cancellationToken);
        return verdict.Answer(outcome.Selfie!);
    }
}
