namespace Verilock.Domain.Media;

/// <summary>
/// One uploaded file as the session knows it (spec §8.4 <c>media</c>): where the encrypted bytes live
/// (<see cref="StorageKey"/>, random, never shown) and what the API reports about them.
/// </summary>
public sealed record StoredMedia(
    string StorageKey,
    string ContentType,
    long SizeBytes,
    string Sha256,
    DateTime UploadedAt,
    string? FileName);
