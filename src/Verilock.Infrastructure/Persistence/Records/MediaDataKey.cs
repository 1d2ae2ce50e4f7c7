namespace Verilock.Infrastructure.Persistence.Records;

/// <summary>
/// The random key of one stored media file, wrapped by a media master key. It lives here and not in the file, so
/// deleting this row (redaction) leaves every copy of the file — on disk, in a backup, in <c>media_blobs</c> —
/// undecryptable (crypto-shredding).
/// </summary>
public sealed class MediaDataKey
{
    public required string StorageKey { get; init; }
    /// <summary>The id of the master key that wraps <see cref="WrappedKey"/> (also in its header), so rotation finds what to re-wrap.</summary>
    public int MasterKeyId { get; set; }
    public required byte[] WrappedKey { get; set; }
    public DateTime CreatedAt { get; init; }
}
