using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Media;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Media;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Media;

/// <summary>Turns an uploaded file into stored, encrypted media, after checking what its bytes are (spec §8.4).</summary>
public sealed class MediaUploads(MediaStore store, TimeProvider time)
{
    /// <summary>
    /// The upload's form, once the session accepts uploads for <paramref name="step"/> (else the 409) and the body
    /// reads as multipart within the limits (else the 400/413/415).
    /// </summary>
    public static async Task<(MultipartForm? Form, IResult? Error)> ReadFormAsync(
        HttpRequest request, Session session, VerificationStep step, IReadOnlySet<string> fileFields, TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (session.UploadRefusal(step, time.GetUtcNow().UtcDateTime) is { } refusal)
            return (null, Api.ApiError.Conflict(refusal));
        var read = await MultipartForm.ReadAsync(request, fileFields, cancellationToken);
        return (read.Form, read.Error);
    }

    /// <summary>The file's kind if it is one of <paramref name="accepted"/>; otherwise the 415/422 to answer.</summary>
    public static (MediaKind? Kind, IResult? Error) Check(MultipartForm.FilePart file, IReadOnlyCollection<MediaKind> accepted)
    {
        if (file.Content.Length == 0)
        {
            var errors = new Api.ValidationErrors();
            errors.Add(file.FieldName, $"The {file.FieldName} file is empty.");
            return (null, errors.ToResult());
        }
        var kind = MediaKinds.Sniff(file.Content);
        if (kind is null || !accepted.Contains(kind.Value))
        {
            var allowed = string.Join(", ", accepted.Select(k => k.ToString().ToUpperInvariant()));
            return (null, Api.ApiError.UnsupportedMediaType($"The {file.FieldName} file is not a {allowed} file (its type is read from its bytes)."));
        }
        return (kind, null);
    }

    /// <summary>
    /// Stores the files, then lets <paramref name="attach"/> put them on the session (returning the keys it
    /// replaced) and saves it. Files are stored before the session refers to them, and deleted again when the
    /// save does not happen, so the database never points at a missing file. Returns the 409 to answer, or null.
    /// </summary>
    public async Task<IResult?> AttachAsync(
        VerilockDbContext db,
        Session session,
        VerificationStep step,
        IReadOnlyList<(MultipartForm.FilePart File, MediaKind Kind)> files,
        Func<IReadOnlyList<StoredMedia>, DateTime, IReadOnlyList<string>> attach,
        CancellationToken cancellationToken)
    {
        var stored = new List<StoredMedia>();
        try
        {
            foreach (var (file, kind) in files)
                stored.Add(await StoreAsync(file, kind, cancellationToken));
            // Storing took time: the session may have expired meanwhile.
            var now = time.GetUtcNow().UtcDateTime;
            if (session.UploadRefusal(step, now) is { } refusal)
            {
                await DiscardAsync(stored.Select(m => m.StorageKey).ToList());
                return Api.ApiError.Conflict(refusal);
            }
            var replaced = attach(stored, now);
            await db.SaveChangesAsync(cancellationToken);
            await DiscardAsync(replaced);
            return null;
        }
        catch (DbUpdateConcurrencyException)
        {
            await DiscardAsync(stored.Select(m => m.StorageKey).ToList());
            return Api.ApiError.Conflict(
                "The session changed while the upload was being saved (it was submitted, expired or uploaded to at the same time). Fetch it and try again.");
        }
        catch
        {
            await DiscardAsync(stored.Select(m => m.StorageKey).ToList());
            throw;
        }
    }

    private async Task<StoredMedia> StoreAsync(MultipartForm.FilePart file, MediaKind kind, CancellationToken cancellationToken)
    {
        var key = await store.StoreAsync(file.Content, cancellationToken);
        return new StoredMedia(
            key, kind.ContentType(), file.Content.Length, Convert.ToHexStringLower(SHA256.HashData(file.Content)),
            Domain.Common.Clock.ToSeconds(time.GetUtcNow().UtcDateTime), file.FileName);
    }

    /// <summary>Deletes files that no saved session refers to (replaced, or stored for a change that failed).</summary>
    private Task DiscardAsync(IReadOnlyCollection<string> storageKeys) =>
        storageKeys.Count == 0 ? Task.CompletedTask : store.DeleteAsync(storageKeys, CancellationToken.None);
}
