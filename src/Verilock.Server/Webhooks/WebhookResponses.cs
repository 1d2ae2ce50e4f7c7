using System.Text.Json;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Server.Webhooks;

/// <summary>The endpoint object of spec §12.1.</summary>
public sealed record EndpointResponse(
    string Id,
    bool Livemode,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    string Status,
    string? DisabledReason,
    DateTime? FailingSince,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static EndpointResponse From(WebhookEndpoint e) => new(
        e.Id, e.LiveMode, e.Url, e.Events, e.Description, e.Enabled ? "enabled" : "disabled",
        e.DisabledReason, e.FailingSince, e.CreatedAt, e.UpdatedAt);
}

/// <summary>The create response: the endpoint plus its secret, the only time the secret is shown.</summary>
public sealed record CreatedEndpointResponse(
    string Id,
    bool Livemode,
    string Url,
    IReadOnlyList<string> Events,
    string? Description,
    string Status,
    string? DisabledReason,
    DateTime? FailingSince,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    string Secret)
{
    public static CreatedEndpointResponse From(WebhookEndpoint e, string secret)
    {
        var r = EndpointResponse.From(e);
        return new(r.Id, r.Livemode, r.Url, r.Events, r.Description, r.Status, r.DisabledReason, r.FailingSince, r.CreatedAt, r.UpdatedAt, secret);
    }
}

/// <summary>A delivery log entry (spec §12.6); <c>payload</c> is the envelope as sent, null once redacted.</summary>
public sealed record DeliveryResponse(
    string WebhookId,
    string? EndpointId,
    string Url,
    string Event,
    string Status,
    int Attempts,
    DateTime? LastAttemptAt,
    int? LastResponseStatus,
    string? LastError,
    DateTime? NextAttemptAt,
    DateTime CreatedAt,
    JsonElement? Payload)
{
    public static DeliveryResponse From(WebhookDelivery d)
    {
        JsonElement? payload = null;
        if (d.Payload is not null)
        {
            using var document = JsonDocument.Parse(d.Payload);
            payload = document.RootElement.Clone();
        }
        return new(d.WebhookId, d.EndpointId, d.Url, d.EventType, d.Status, d.Attempts, d.LastAttemptAt, d.LastResponseStatus,
            d.LastError, d.Status == WebhookDelivery.Pending ? d.NextAttemptAt : null, d.CreatedAt, payload);
    }
}
