namespace Verilock.Client;

/// <summary>A stored file (spec §8.4 <c>media</c>): type sniffed from the bytes, size and hash.</summary>
public sealed class MediaInfo
{
    /// <summary><c>image/jpeg</c>, <c>image/png</c> or <c>application/pdf</c>.</summary>
    public string ContentType { get; init; } = "";

    /// <summary>Size in bytes.</summary>
    public long SizeBytes { get; init; }

    /// <summary>Lower-case hex SHA-256 of the bytes, to check a download against.</summary>
    public string Sha256 { get; init; } = "";

    /// <summary>When it was uploaded.</summary>
    public DateTimeOffset UploadedAt { get; init; }
}
