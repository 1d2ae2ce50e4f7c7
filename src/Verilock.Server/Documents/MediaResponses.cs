using Verilock.Domain.Media;
using Verilock.Domain.Sessions;

namespace Verilock.Server.Documents;

/// <summary>What the API says about a stored file (spec §8.4 <c>media</c>); never where or how it is stored.</summary>
public sealed record MediaInfoResponse(string ContentType, long SizeBytes, string Sha256, DateTime UploadedAt)
{
    public static MediaInfoResponse? From(StoredMedia? media) =>
        media is null ? null : new(media.ContentType, media.SizeBytes, media.Sha256, media.UploadedAt);
}

public sealed record DocumentFilesResponse(string? Front, string? Back);

public sealed record DocumentMediaResponse(MediaInfoResponse? Front, MediaInfoResponse? Back);

/// <summary>The Document of spec §8.4. <c>side</c> is the side a one-side upload wrote; null otherwise.</summary>
public sealed record DocumentResponse(
    string Id,
    string SessionId,
    string? Type,
    string? DocumentType,
    string? Side,
    string Status,
    DocumentFilesResponse Files,
    DocumentMediaResponse Media,
    DateTime CreatedAt)
{
    public const string Uploaded = "uploaded";

    public static DocumentResponse From(string sessionId, SessionDocument document, DocumentSide? side = null) => new(
        document.Id,
        sessionId,
        document.Type,
        document.Type,
        side?.ToString().ToLowerInvariant(),
        Uploaded,
        new DocumentFilesResponse(document.Front?.FileName, document.Back?.FileName),
        new DocumentMediaResponse(MediaInfoResponse.From(document.Front), MediaInfoResponse.From(document.Back)),
        document.CreatedAt);
}

/// <summary>The Selfie of spec §8.5.</summary>
public sealed record SelfieResponse(string Id, string SessionId, string Status, string? File, MediaInfoResponse Media, DateTime CreatedAt)
{
    public static SelfieResponse From(string sessionId, SessionSelfie selfie) =>
        new(selfie.Id, sessionId, DocumentResponse.Uploaded, selfie.Media.FileName, MediaInfoResponse.From(selfie.Media)!, selfie.CreatedAt);
}
