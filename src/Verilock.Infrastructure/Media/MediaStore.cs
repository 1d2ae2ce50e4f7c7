using Verilock.Domain.Common;

namespace Verilock.Infrastructure.Media;

/// <summary>
/// Stores uploaded images encrypted under random names and gives them back decrypted. Callers deal in clear
/// bytes and storage keys; which backend holds the sealed bytes is configuration.
/// </summary>
public sealed class MediaStore(IMediaBackend backend, MediaCipher cipher)
{
    /// <summary>Seals and stores <paramref name="content"/>; returns its new random storage key.</summary>
    public async Task<string> StoreAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var key = Ids.NewMediaKey();
        await backend.PutAsync(key, cipher.Seal(key, content.Span), cancellationToken);
        return key;
    }

    /// <summary>The clear bytes, or null when the file no longer exists.</summary>
    public async Task<byte[]?> ReadAsync(string storageKey, CancellationToken cancellationToken)
    {
        var sealedBytes = await backend.GetAsync(storageKey, cancellationToken);
        return sealedBytes is null ? null : cipher.Open(storageKey, sealedBytes);
    }

    public Task DeleteAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken) =>
        backend.DeleteAsync(storageKeys, cancellationToken);
}
