using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Media;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Webhooks;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Sessions;

/// <summary>
/// <c>DELETE /api/v1/sessions/{id}</c> (spec §8.9): deletes the session's media and personal data and keeps a
/// tombstone. The images' data keys are deleted in the same transaction as the tombstone, so the images become
/// unreadable exactly when the session reports itself redacted — a crash before the commit leaves the session
/// whole, a crash after it leaves only ciphertext nobody can open — and the files are deleted after the commit.
/// Files from before <c>media_keys</c> carry their own key, so they alone are deleted first, as they always were
/// (a repeat finishes a redaction that then fails). Once committed, SQLite's WAL is emptied
/// (<see cref="RedactionCheckpoint"/>) so no earlier page image keeps the applicant's data in the data folder.
/// </summary>
public static partial class RedactSession
{
    public static async Task<IResult> Handle(
        string id, HttpContext context, OwnedSessions owned, VerilockDbContext db, MediaStore media, RedactionCheckpoint checkpoint,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var session = await owned.FindAsync(caller, id, cancellationToken);
        if (session is null)
            return ApiError.NotFound("No such session.");
        var mediaKeys = session.MediaKeys();
        switch (session.Redact(time.GetUtcNow().UtcDateTime))
        {
            case Session.RedactionResult.AlreadyRedacted:
                return Results.NoContent();
            case Session.RedactionResult.Conflict:
                return ApiError.Conflict(Session.RedactionConflict);
        }

        await media.DeleteFilesAsync(await media.WithoutDataKeysAsync(mediaKeys, cancellationToken), cancellationToken);
        IReadOnlyList<string> biometricPhotos = [];
        try
        {
            await db.WriteTransactionAsync(async ct =>
            {
                await ForgetElsewhereAsync(db, session, ct);
                biometricPhotos = await Faces.SessionFaceTemplates.AfterRedactionAsync(db, session, time.GetUtcNow().UtcDateTime, ct);
                await MediaStore.ShredInAsync(db, mediaKeys, ct);
                await db.SaveChangesAsync(ct);
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ApiError.Conflict("The session changed while it was being redacted. Try again.");
        }
        try
        {
            await media.DeleteFilesAsync([.. mediaKeys, .. biometricPhotos], CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Data.Common.DbException)
        {
            // The redaction stands: without their data keys the files are ciphertext nobody can open.
            LogFilesLeft(loggers.CreateLogger(typeof(RedactSession)), mediaKeys.Count, ex);
        }
        // Outside the write transaction: a checkpoint cannot run inside one, and the redaction stands either way.
        await checkpoint.AfterRedactionAsync(db, CancellationToken.None);
        return Results.NoContent();
    }

    /// <summary>
    /// The session's personal data kept outside its row: its AML screenings' queries, the payloads of its
    /// events and webhook deliveries, and the responses kept for idempotent retries. Deliveries still waiting are
    /// failed: there is nothing left to send.
    /// </summary>
    private static async Task ForgetElsewhereAsync(VerilockDbContext db, Session session, CancellationToken cancellationToken)
    {
        var screenings = await db.AmlScreenings
            .Where(s => s.AccountId == session.AccountId && s.LiveMode == session.LiveMode && s.SessionId == session.Id)
            .ToListAsync(cancellationToken);
        foreach (var screening in screenings)
            screening.Redact();
        await Idempotency.ForgetSessionAsync(db, session.AccountId, session.LiveMode, session.Id, cancellationToken);
        await WebhookQueue.ForgetSessionAsync(db, session.AccountId, session.Id, session.RedactedAt!.Value, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A redacted session's {Count} media files could not be deleted; their data keys are gone, so they cannot be read.")]
    private static partial void LogFilesLeft(ILogger logger, int count, Exception exception);
}
