using Verilock.Domain.Common;

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
}
