using Verilock.Domain.Faces;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Checks;

namespace Verilock.Server.Faces;

/// <summary>
/// The profile key <c>face_duplicate_check</c> (spec §20): when a session's checks end, its selfie's face is searched
/// among the account's templates; a match of 90 or more adds the review reason <c>face_duplicate</c>. The search is
/// recorded (with its <c>face.duplicate_found</c>) in the transaction that records the outcome.
/// </summary>
public static class SessionFaceDuplicates
{
    /// <summary>The outcome with <c>face_duplicate</c> added when the face is found elsewhere; null while this instance's index is still loading (retry later).</summary>
    public static async Task<CheckOutcome?> ApplyAsync(
        IServiceProvider services, VerilockDbContext db, Session session, CheckOutcome outcome, DateTime now, CancellationToken cancellationToken)
    {
        if (!session.Settings.FaceDuplicateCheck || (session.LiveMode && outcome.SelfieEmbedding is null))
            return outcome;
        if (session.LiveMode && !services.GetRequiredService<FaceSearchIndex>().IsLoaded)
            return null;
        var found = await services.GetRequiredService<SessionFaceSearch>().FindAsync(db, session, outcome.SelfieEmbedding, cancellationToken);
        var search = FaceSearch.Record(FaceSearch.NewId(), session.AccountId, session.LiveMode, session.Id, FaceSearch.DefaultThreshold, found, now);
        db.FaceSearches.Add(search);
        return search.DuplicateFound ? outcome with { ReviewReasons = [.. outcome.ReviewReasons, ReviewReason.FaceDuplicate] } : outcome;
    }
}
