using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Webhooks;
using Verilock.Server.Auth;

namespace Verilock.Server.Webhooks;

/// <summary><c>DELETE /api/v1/webhooks/endpoints/{id}</c> → 204. Its deliveries stay in the log; pending ones fail.</summary>
public static class DeleteEndpoint
{
    public static async Task<IResult> Handle(string id, HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var endpoint = await GetEndpoint.FindOwnedAsync(db, context.Caller(), id, cancellationToken);
        if (endpoint is null)
            return GetEndpoint.NotFound();
        await db.WriteTransactionAsync(async ct =>
        {
            db.WebhookEndpoints.Remove(endpoint);
            await WebhookQueue.FailPendingAsync(db, endpoint.Id, ct);
            return await db.SaveChangesAsync(ct);
        }, cancellationToken);
        return Results.NoContent();
    }
}
