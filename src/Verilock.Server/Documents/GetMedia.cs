using Verilock.Domain.Media;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Media;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Media;
using Verilock.Server.Sessions;

namespace Verilock.Server.Documents;

/// <summary>
/// The media endpoints of spec §8.7: the raw bytes of a document side or the selfie, decrypted, with the
/// sniffed content type and the headers of <see cref="MediaResponseHeaders"/>.
/// </summary>
public static class GetMedia
{
    public static async Task<IResult> DocumentImage(
        string id, string documentId, string side, HttpContext context, OwnedSessions owned, MediaStore store,
        CancellationToken cancellationToken)
    {
        var session = await owned.FindAsync(context.Caller(), id, cancellationToken);
        var documentSide = side switch
        {
            "front" => DocumentSide.Front,
            "back" => (DocumentSide?)DocumentSide.Back,
            _ => null,
        };
        if (session?.Document is not { } document || document.Id != documentId || documentSide is null)
            return ApiError.NotFound("No such document.");
        return await ServeAsync(context, store, document.Side(documentSide.Value), $"document-{side}", cancellationToken);
    }

    public static async Task<IResult> Selfie(
        string id, HttpContext context, OwnedSessions owned, MediaStore store, CancellationToken cancellationToken)
    {
        var session = await owned.FindAsync(context.Caller(), id, cancellationToken);
        return await ServeAsync(context, store, session?.Selfie?.Media, "selfie", cancellationToken);
    }

    private static async Task<IResult> ServeAsync(
        HttpContext context, MediaStore store, StoredMedia? media, string name, CancellationToken cancellationToken)
    {
        var bytes = media is null ? null : await store.ReadAsync(media.StorageKey, cancellationToken);
        if (bytes is null)
            return ApiError.NotFound("No such file.");
        MediaResponseHeaders.Apply(context.Response, name, media!.ContentType);
        return Results.Bytes(bytes, media.ContentType);
    }
}
