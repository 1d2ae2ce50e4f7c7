using Verilock.Domain.Media;
using Verilock.Infrastructure.Media;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Auth;
using Verilock.Server.Dashboard.Operators;
using Verilock.Server.Media;
using Verilock.Server.Sessions;

namespace Verilock.Server.Dashboard;

/// <summary>
/// <c>GET /dashboard/sessions/{id}/media/{kind}</c>: a session's image, decrypted, for a signed-in operator of its
/// account only. Every view is written to the audit log before the bytes leave; nothing is cached.
/// </summary>
public static class SessionMedia
{
    public const string DocumentFront = "document-front";
    public const string DocumentBack = "document-back";
    public const string Selfie = "selfie";

    public static async Task<IResult> Handle(
        string id, string kind, HttpContext context, OwnedSessions owned, MediaStore store, AuditLog audit,
        CancellationToken cancellationToken)
    {
        var op = context.User.SignedIn();
        var session = await owned.FindAsync(new AccountScope(op.AccountId, Preferences.IsLiveMode(context)), id, cancellationToken);
        StoredMedia? media = kind switch
        {
            DocumentFront => session?.Document?.Front,
            DocumentBack => session?.Document?.Back,
            Selfie => session?.Selfie?.Media,
            _ => null,
        };
        var bytes = media is null ? null : await store.ReadAsync(media.StorageKey, cancellationToken);
        if (bytes is null)
            return Results.NotFound();
        await audit.RecordAsync(op, AuditActions.MediaViewed, session!.Id, kind, cancellationToken);
        MediaResponseHeaders.Apply(context.Response, kind, media!.ContentType);
        return Results.Bytes(bytes, media.ContentType);
    }
}
