using Verilock.Infrastructure.Persistence;
using Verilock.Server.Documents;
using Verilock.Server.Media;
using Verilock.Server.Sessions;

namespace Verilock.Server.Verify;

/// <summary>
/// <c>POST /verify/{token}/api/documents</c> (spec §13): the upload of §8.4 for the applicant, once consent is
/// given, answered with the Document and the flow's immediate <c>feedback</c> on the photo.
/// </summary>
public static class UploadFlowDocument
{
    public static async Task<IResult> Handle(
        string token, HttpContext context, OwnedSessions owned, VerilockDbContext db, MediaUploads uploads, UploadFeedback feedback, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var (session, error) = await owned.FindFlowWritableAsync(token, needsConsent: true, cancellationToken);
        if (session is null)
            return error!;
        var outcome = await UploadDocument.AcceptAsync(context, session, db, uploads, time, cancellationToken);
        if (outcome.Error is not null)
            return outcome.Error;
        var verdict = await feedback.ForDocumentAsync(session.Document!, outcome.Sides[^1], cancellationToken);
        return verdict.Answer(outcome.Document!);
    }
}
