using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Webhooks;

/// <summary><c>GET /api/v1/webhooks/endpoints/{id}</c>.</summary>
public static class GetEndpoint
{
    public static async Task<IResult> Handle(string id, HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var endpoint = await FindOwnedAsync(db, context.Caller(), id, cancellationToken);
        return endpoint is null ? NotFound() : Results.Json(EndpointResponse.From(endpoint), ApiJson.Options);
    }

    /// <summary>An endpoint of the caller's account and mode (tracked); any other is simply not found (spec §2.1).</summary>
    public static Task<WebhookEndpoint?> FindOwnedAsync(VerilockDbContext db, AccountScope scope, string id, CancellationToken cancellationToken) =>
        id.Length > 40
            ? Task.FromResult<WebhookEndpoint?>(null)
            : db.WebhookEndpoints.FirstOrDefaultAsync(e => e.Id == id && e.AccountId == scope.AccountId && e.LiveMode == scope.LiveMode, cancellationToken);

    public static IResult NotFound() => ApiError.NotFound("No such webhook endpoint.");
}
