using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Webhooks;
using Verilock.Server.Auth;

namespace Verilock.Server.Webhooks;

/// <summary>
/// Creating and changing webhook endpoints once the input is valid: shared by the API (JSON bodies) and the
/// dashboard (forms), which validate in their own way and then change endpoints the same way.
/// </summary>
public static class EndpointChanges
{
    /// <summary>
    /// Stores a new endpoint and returns it with its secret in clear (shown once). <paramref name="createdAt"/> keeps
    /// microseconds (<see cref="Clock.UtcMicroseconds"/>), so endpoints created within one second still list newest first;
    /// <c>updated_at</c> keeps whole seconds like every other change.
    /// </summary>
    public static async Task<(WebhookEndpoint Endpoint, string Secret)> CreateAsync(
        VerilockDbContext db, WebhookSecrets secrets, AccountScope scope, string url, List<string> events, string? description,
        DateTime createdAt, CancellationToken cancellationToken)
    {
        var now = Clock.ToSeconds(createdAt);
        var endpoint = new WebhookEndpoint
        {
            Id = Ids.NewWebhookEndpointId(),
            AccountId = scope.AccountId,
            LiveMode = scope.LiveMode,
            Url = url,
            Events = events,
            Description = description,
            SecretCiphertext = "",
            CreatedAt = Clock.ToMicroseconds(createdAt),
            UpdatedAt = now,
        };
        var secret = secrets.Issue(endpoint);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        return (endpoint, secret);
    }

    /// <summary>
    /// Applies the given changes (null = unchanged) in one transaction. Enabling clears <c>disabled_reason</c> and
    /// <c>failing_since</c>; disabling fails the pending deliveries; a new url applies to deliveries still pending.
    /// </summary>
    public static Task UpdateAsync(
        VerilockDbContext db, WebhookEndpoint endpoint, string? url, List<string>? events, string? description, bool? enabled,
        DateTime now, CancellationToken cancellationToken) =>
        db.WriteTransactionAsync(async ct =>
        {
            // The endpoint before its deliveries (see WebhookQueue.LockEndpointAsync).
            await WebhookQueue.LockEndpointAsync(db, endpoint.Id, ct);
            if (url is not null && url != endpoint.Url)
            {
                endpoint.Url = url;
                await db.WebhookDeliveries.Where(d => d.EndpointId == endpoint.Id && d.Status == WebhookDelivery.Pending)
                    .ExecuteUpdateAsync(d => d.SetProperty(x => x.Url, url), ct);
            }
            if (events is not null)
                endpoint.Events = events;
            if (description is not null)
                endpoint.Description = description;
            if (enabled == true && !endpoint.Enabled)
            {
                endpoint.Enabled = true;
                endpoint.DisabledReason = null;
                endpoint.FailingSince = null;
            }
            else if (enabled == false && endpoint.Enabled)
            {
                endpoint.Enabled = false;
                await WebhookQueue.FailPendingAsync(db, endpoint.Id, ct);
            }
            endpoint.UpdatedAt = now;
            return await db.SaveChangesAsync(ct);
        }, cancellationToken);
}
