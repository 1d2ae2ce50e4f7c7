using System.Runtime.InteropServices;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Faces;
using Verilock.Infrastructure.Media;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Faces;

/// <summary>
/// Keeps face templates encrypted at rest exactly as media are (spec §20, ARCHITECTURE §4): each embedding is
/// sealed by <see cref="MediaCipher"/> under its own data key, and that key is a <c>media_keys</c> row, so media
/// master-key rotation re-wraps templates too and deleting the row crypto-shreds every copy (a backup, a WAL page).
/// Every change goes through the caller's context and is saved with the session change that causes it: a template
/// exists exactly when its session was approved (or waits for review), and is gone exactly when it was redacted.
/// </summary>
public sealed class FaceTemplateStore(MediaCipher cipher)
{
    /// <summary>Adds the template of a session just decided by its checks; saved with the caller's next save.</summary>
    public FaceTemplate Add(VerilockDbContext db, Guid accountId, bool liveMode, string sessionId, string model, bool approved,
        ReadOnlySpan<float> embedding, DateTime now)
    {
        var id = FaceTemplate.NewId();
        var storageKey = FaceTemplate.StorageKeyOf(id);
        // Little-endian IEEE floats, the only byte order .NET runs on here; Open reads them back the same way.
        var sealedEmbedding = cipher.Seal(storageKey, MemoryMarshal.AsBytes(embedding));
        db.MediaDataKeys.Add(new MediaDataKey
        {
            StorageKey = storageKey, MasterKeyId = sealedEmbedding.MasterKeyId, WrappedKey = sealedEmbedding.WrappedKey, CreatedAt = now,
        });
        var template = FaceTemplate.Capture(id, accountId, liveMode, sessionId, model, approved, sealedEmbedding.File, now);
        db.FaceTemplates.Add(template);
        return template;
    }

    /// <summary>The embedding in clear, or null when the template was removed or its data key shredded.</summary>
    public float[]? Open(FaceTemplate template, byte[]? wrappedKey)
    {
        if (template.SealedEmbedding is null || wrappedKey is null)
            return null;
        var plain = cipher.Open(template.StorageKey, template.SealedEmbedding, wrappedKey);
        return MemoryMarshal.Cast<byte, float>(plain).ToArray();
    }

    /// <summary>The embedding of a template read from <paramref name="db"/>, its data key read alongside.</summary>
    public async Task<float[]?> OpenAsync(VerilockDbContext db, FaceTemplate template, CancellationToken cancellationToken)
    {
        var wrappedKey = await db.MediaDataKeys.Where(k => k.StorageKey == template.StorageKey)
            .Select(k => k.WrappedKey).FirstOrDefaultAsync(cancellationToken);
        return Open(template, wrappedKey);
    }

    /// <summary>The session's templates that still hold an embedding, tracked, newest first.</summary>
    public static async Task<List<FaceTemplate>> KeptForSessionAsync(
        VerilockDbContext db, Guid accountId, bool liveMode, string sessionId, CancellationToken cancellationToken)
    {
        var templates = await db.FaceTemplates
            .Where(t => t.AccountId == accountId && t.LiveMode == liveMode && t.SessionId == sessionId && t.State != FaceTemplateState.Removed)
            .ToListAsync(cancellationToken);
        return templates.OrderByDescending(t => t.CreatedAt).ToList();
    }

    /// <summary>A reviewed session was approved: its candidate template is enrolled (saved with the decision).</summary>
    public static async Task EnrolSessionAsync(
        VerilockDbContext db, Guid accountId, bool liveMode, string sessionId, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var template in await KeptForSessionAsync(db, accountId, liveMode, sessionId, cancellationToken))
            template.Enrol(now);
    }

    /// <summary>
    /// Forgets the session's templates: the embeddings are blanked and their data keys deleted, both saved with the
    /// caller's next save (a redaction, a decline), so they go exactly when the session change commits.
    /// </summary>
    public static async Task RemoveSessionAsync(
        VerilockDbContext db, Guid accountId, bool liveMode, string sessionId, DateTime now, CancellationToken cancellationToken)
    {
        var templates = await KeptForSessionAsync(db, accountId, liveMode, sessionId, cancellationToken);
        if (templates.Count == 0)
            return;
        var storageKeys = templates.Select(t => t.StorageKey).ToList();
        db.MediaDataKeys.RemoveRange(await db.MediaDataKeys.Where(k => storageKeys.Contains(k.StorageKey)).ToListAsync(cancellationToken));
        foreach (var template in templates)
            template.Remove(now);
    }
}
