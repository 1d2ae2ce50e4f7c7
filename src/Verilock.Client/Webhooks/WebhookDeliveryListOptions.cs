using Verilock.Client.Http;

namespace Verilock.Client;

/// <summary>The query of <c>GET /webhooks/deliveries</c> (spec §12.6).</summary>
public sealed class WebhookDeliveryListOptions : ListOptions
{
    /// <summary>Only deliveries to this endpoint.</summary>
    public string? EndpointId { get; set; }

    /// <summary>Only this status (<see cref="WebhookDeliveryStatuses"/>).</summary>
    public string? Status { get; set; }

    /// <summary>Only this event name.</summary>
    public string? Event { get; set; }

    /// <summary>Only the events of this session.</summary>
    public string? SessionId { get; set; }

    private protected override void AddFilters(QueryBuilder query) =>
        query.Add("endpoint_id", EndpointId).Add("status", Status).Add("event", Event).Add("session_id", SessionId);
}
