using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Auth;

namespace Verilock.Server.Webhooks;

/// <summary>
/// <c>POST /api/v1/webhooks/endpoints/{id}/rotate-secret</c> and <c>POST /api/v1/webhooks/default-secret/rotate</c>:
/// a new secret, shown once; for 24 h deliveries carry a second V2 signature with the previous one.
/// </summary>
public static class RotateSecrets
{
    public sealed record EndpointSecretResponse(string Id, string Secret);

    public sealed record DefaultSecretResponse(string Secret);

    public static async Task<IResult> RotateEndpoint(
        string id, HttpContext context, VerilockDbContext db, WebhookSecrets secrets, TimeProvider time, CancellationToken cancellationToken)
    {
        var endpoint = await GetEndpoint.FindOwnedAsync(db, context.Caller(), id, cancellationToken);
        if (endpoint is null)
            return GetEndpoint.NotFound();
        var secret = secrets.Rotate(endpoint, time.UtcSeconds());
        await db.SaveChangesAsync(cancellationToken);
        return Results.Json(new EndpointSecretResponse(endpoint.Id, secret), ApiJson.Options);
    }

    public static async Task<IResult> RotateDefault(
        HttpContext context, VerilockDbContext db, WebhookSecrets secrets, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var now = time.UtcSeconds();
        var (row, created) = await secrets.EnsureDefaultAsync(db, caller.AccountId, caller.LiveMode, now, cancellationToken);
        if (created is not null)
            return Results.Json(new DefaultSecretResponse(created), ApiJson.Options);
        var secret = secrets.Rotate(row, now);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Json(new DefaultSecretResponse(secret), ApiJson.Options);
    }
}
