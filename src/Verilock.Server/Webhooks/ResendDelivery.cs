using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Serialization;
using Verilock.Infrastructure.Webhooks;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Webhooks;

/// <summary>
/// <c>POST /api/v1/webhooks/deliveries/{webhook_id}/resend</c> → 202: one more attempt right away, same body and
/// <c>webhook_id</c>, attempt count continuing. 409 when the endpoint is deleted or disabled, or the payload redacted.
/// </summary>
public static class ResendDelivery
{
    public static async Task<IResult> Handle(
        string webhookId, HttpContext context, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var delivery = webhookId.Length > 40
            ? null
            : await db.WebhookDeliveries.FirstOrDefaultAsync(
                d => d.WebhookId == webhookId && d.AccountId == caller.AccountId && d.LiveMode == caller.LiveMode, cancellationToken);
        if (delivery is null)
            return ApiError.NotFound("No such webhook delivery.");
        if (delivery.Payload is null)
            return ApiError.Conflict("The delivery's payload was redacted; it cannot be sent again.");
        // The endpoint check and the update are one transaction holding the endpoint row (see
        // WebhookQueue.LockEndpointForDeliveryAsync), so a concurrent disable or delete cannot leave this
        // delivery pending: it either commits first (409 here) or fails the row after this commits.
        var conflict = await db.WriteTransactionAsync<IResult?>(async ct =>
        {
            if (delivery.EndpointId is not null)
            {
                var endpoint = await WebhookQueue.LockEndpointForDeliveryAsync(db, delivery.EndpointId, ct);
                if (endpoint is null)
                    return ApiError.Conflict("The delivery's endpoint was deleted.");
                if (!endpoint.Enabled)
                    return ApiError.Conflict("The delivery's endpoint is disabled; enable it first.");
            }
            delivery.Status = WebhookDelivery.Pending;
            delivery.NextAttemptAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return null;
        }, cancellationToken);
        if (conflict is not null)
            return conflict;
        // Wakes this process's dispatcher, so the attempt starts within milliseconds rather than at its next poll.
        CommitSignal.For(CommitSignal.Outbox, db.Database.GetConnectionString()).Ring();
        return Results.Json(DeliveryResponse.From(delivery), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }
}
