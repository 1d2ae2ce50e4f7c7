namespace Verilock.Infrastructure.Media;

/// <summary>Where sealed media bytes are kept. Backends never see clear bytes; <see cref="MediaStore"/> seals them.</summary>
public interface IMediaBackend
{
    Task PutAsync(string storageKey, byte[] sealedBytes, CancellationToken cancellationToken);

    /// <summary>The sealed bytes, or null when no such file exists (never stored, or deleted).</summary>
    Task<byte[]?> GetAsync(string storageKey, CancellationToken cancellationToken);

    /// <summary>Deletes the files; missing ones are ignored, so a repeated redaction succeeds.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken);
}
