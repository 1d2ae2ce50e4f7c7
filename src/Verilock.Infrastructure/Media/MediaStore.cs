using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Infrastructure.Media;

/// <summary>
/// Stores uploaded images encrypted under random names and gives them back decrypted. Callers deal in clear
/// bytes and storage keys; which backend holds the sealed bytes is configuration. Each file's data key is a
/// <c>media_keys</c> row (<see cref="MediaDataKeys"/>), so deleting the media deletes that key first: a copy of
/// the file that survives anywhere cannot be read.
/// </summary>
public sealed class MediaStore(IMediaBackend backend, MediaCipher cipher, MediaDataKeys dataKeys)
{
    /// <summary>Seals and stores <paramref name="content"/>; returns its new random storage key.</summary>
    public async Task<string> StoreAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var key = Ids.NewMediaKey();
        var sealedFile = cipher.Seal(key, content.Span);
        // The key row first: a failure after it leaves an unused row, never a file nobody can read.
        await dataKeys.PutAsync(key, sealedFile, cancellationToken);
        try
        {
            await backend.PutAsync(key, sealedFile.File, cancellationToken);
        }
        catch
        {
            await dataKeys.DeleteAsync([key], CancellationToken.None);
            throw;
        }
        return key;
    }

    /// <summary>The clear bytes, or null when the file no longer exists or its data key was deleted (redacted).</summary>
    public async Task<byte[]?> ReadAsync(string storageKey, CancellationToken cancellationToken)
    {
        var sealedBytes = await backend.GetAsync(storageKey, cancellationToken);
        if (sealedBytes is null)
            return null;
        var wrappedKey = await dataKeys.GetAsync(storageKey, cancellationToken);
        if (wrappedKey is null && !MediaCipher.CarriesItsOwnKey(sealedBytes))
            return null;
        return cipher.Open(storageKey, sealedBytes, wrappedKey);
    }

    /// <summary>Deletes the data keys (which alone makes the files unreadable), then the files.</summary>
    public async Task DeleteAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken)
    {
        await dataKeys.DeleteAsync(storageKeys, cancellationToken);
        await backend.DeleteAsync(storageKeys, cancellationToken);
    }

    /// <summary>
    /// Crypto-shreds the files inside the caller's transaction: their data keys are deleted through
    /// <paramref name="db"/>, so the shredding commits or rolls back with whatever else the caller writes (a
    /// redaction's tombstone). The files themselves are the caller's to delete after the commit.
    /// </summary>
    public static Task ShredInAsync(VerilockDbContext db, IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken) =>
        MediaDataKeys.DeleteInAsync(db, storageKeys, cancellationToken);

    /// <summary>
    /// Those of <paramref name="storageKeys"/> with no data key row: files written before <c>media_keys</c> carry
    /// their own wrapped key, so deleting a row cannot shred them; only deleting the file does.
    /// </summary>
    public Task<IReadOnlyCollection<string>> WithoutDataKeysAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken) =>
        dataKeys.MissingAsync(storageKeys, cancellationToken);

    /// <summary>Deletes the files only (their data keys already shredded, or never kept in the database).</summary>
    public Task DeleteFilesAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken) =>
        backend.DeleteAsync(storageKeys, cancellationToken);
}
