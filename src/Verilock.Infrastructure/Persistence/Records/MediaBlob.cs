namespace Verilock.Infrastructure.Persistence.Records;

/// <summary>An encrypted media file kept in the database, so that several server instances share the media.</summary>
public sealed class MediaBlob
{
    public required string StorageKey { get; init; }
    public required byte[] Content { get; init; }
    public DateTime CreatedAt { get; init; }
}
