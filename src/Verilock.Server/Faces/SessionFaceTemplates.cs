using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Faces;
using Verilock.Infrastructure.Media;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Checks;

namespace Verilock.Server.Faces;

/// <summary>
/// When a session's face template is kept, enrolled and forgotten (spec §20), at the three places a session's fate
/// changes: its checks' outcome, a manual decision and redaction. Each adds its change to the caller's context, so it
/// commits with the session's own change or not at all.
/// </summary>
public static class SessionFaceTemplates
{
    /// <summary>
    /// The checks decided: an approved session's selfie embedding becomes its template; a session in review keeps a
    /// candidate that an approval enrols; a declined session keeps no face.
    /// </summary>
    public static void AfterChecks(VerilockDbContext db, FaceTemplateStore store, CheckModels models, Session session, CheckOutcome outcome, DateTime now)
    {
        if (outcome.SelfieEmbedding is not { } embedding || !session.LiveMode)
            return;
        var approved = session.Status == SessionStatus.Approved;
        if (!approved && session.Decision != SessionDecision.Review)
            return;
        store.Add(db, session.AccountId, session.LiveMode, session.Id, models.Faces.EmbeddingModel, approved, embedding, now);
    }

    /// <summary>A person decided a reviewed session: approval enrols its candidate, a decline forgets it.</summary>
    public static Task AfterManualDecisionAsync(VerilockDbContext db, Session session, DateTime now, CancellationToken cancellationToken) =>
        session.Status == SessionStatus.Approved
            ? FaceTemplateStore.EnrolSessionAsync(db, session.AccountId, session.LiveMode, session.Id, now, cancellationToken)
            : FaceTemplateStore.RemoveSessionAsync(db, session.AccountId, session.LiveMode, session.Id, now, cancellationToken);

    /// <summary>
    /// Redaction leaves no face behind: the templates' embeddings and data keys go with the session's data, and its
    /// biometric checks lose their device details and any photo still waiting (its data key shredded here). Returns
    /// those photos' storage keys, whose files the caller deletes after the commit.
    /// </summary>
    public static async Task<IReadOnlyList<string>> AfterRedactionAsync(VerilockDbContext db, Session session, DateTime now, CancellationToken cancellationToken)
    {
        await FaceTemplateStore.RemoveSessionAsync(db, session.AccountId, session.LiveMode, session.Id, now, cancellationToken);
        var checks = await db.BiometricChecks
            .Where(c => c.AccountId == session.AccountId && c.LiveMode == session.LiveMode && c.SessionId == session.Id)
            .ToListAsync(cancellationToken);
        var photos = checks.Select(c => c.Redact()).OfType<string>().ToList();
        await MediaStore.ShredInAsync(db, photos, cancellationToken);
        return photos;
    }
}
