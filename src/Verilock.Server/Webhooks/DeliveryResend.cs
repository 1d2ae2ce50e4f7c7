using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Webhooks;

namespace Verilock.Server.Webhooks;

/// <summary>
/// Puts a delivery back in the queue for an immediate extra attempt (spec §12.6 resend): shared by the API and
/// the dashboard's delivery log.
/// </summary>
public static class DeliveryResend
{
    /// <summary>Returns why the delivery cannot be resent (a 409), or null once it is queued.</summary>
    public static async Task<string?> QueueAsync(VerilockDbContext db, WebhookDelivery delivery, TimeProvider time, CancellationToken cancellationToken)
    {
        if (delivery.Payload is null)
            return "The delivery's payload was redacted; it cannot be sent again.";
        // The endpoint check and the update are one transaction holding the endpoint row (see
        // WebhookQueue.LockEndpointForDeliveryAsync), so a concurrent disable or delete cannot leave this
        // delivery pending: it either commits first (409 here) or fails the row after this commits.
        var conflict = await db.WriteTransactionAsync<string?>(async ct =>
        {
            if (delivery.EndpointId is not null)
            {
                var endpoint = await WebhookQueue.LockEndpointForDeliveryAsync(db, delivery.EndpointId, ct);
                if (endpoint is null)
                    return "The delivery's endpoint was deleted.";
                if (!endpoint.Enabled)
                    return "The delivery's endpoint is disabled; enable it first.";
            }
            delivery.Status = WebhookDelivery.Pending;
            delivery.NextAttemptAt = time.GetUtcNow().UtcDateTime;
            await db.SaveChangesAsync(ct);
            return null;
        }, cancellationToken);
        if (conflict is null)
        {
            // Wakes this process's dispatcher, so the attempt starts within milliseconds rather than at its next poll.
            CommitSignal.For(CommitSignal.Outbox, db.Database.GetConnectionString()).Ring();
        }
        return conflict;
    }

    /// <summary>A delivery of this account and mode (tracked); any other is simply not found.</summary>
    public static Task<WebhookDelivery?> FindOwnedAsync(VerilockDbContext db, Auth.AccountScope scope, string webhookId, CancellationToken cancellationToken) =>
        webhookId.Length > 40
            ? Task.FromResult<WebhookDelivery?>(null)
            : db.WebhookDeliveries.FirstOrDefaultAsync(
                d => d.WebhookId == webhookId && d.AccountId == scope.AccountId && d.LiveMode == scope.LiveMode, cancellationToken);
}
