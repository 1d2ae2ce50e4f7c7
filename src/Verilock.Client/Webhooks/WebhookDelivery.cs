using System.Text.Json;

namespace Verilock.Client;

/// <summary>An entry of the delivery log (spec §12.6): one event to one target.</summary>
public sealed class WebhookDelivery : VerilockEntity
{
    /// <summary><c>wh_evt_…</c>, the envelope's <c>webhook_id</c>: dedupe on it.</summary>
    public string WebhookId { get; init; } = "";

    /// <summary>The endpoint; null for a session's own <c>webhook_url</c>.</summary>
    public string? EndpointId { get; init; }

    /// <summary>The target.</summary>
    public Uri? Url { get; init; }

    /// <summary>The event name.</summary>
    public string Event { get; init; } = "";

    /// <summary>See <see cref="WebhookDeliveryStatuses"/>.</summary>
    public string Status { get; init; } = "";

    /// <summary>Attempts so far (resends continue the count).</summary>
    public int Attempts { get; init; }

    /// <summary>When it was last tried.</summary>
    public DateTimeOffset? LastAttemptAt { get; init; }

    /// <summary>The target's last HTTP status.</summary>
    public int? LastResponseStatus { get; init; }

    /// <summary><c>timeout</c>, <c>connection_error</c>, <c>tls_error</c>, <c>redirect</c> or <c>http_&lt;code&gt;</c>.</summary>
    public string? LastError { get; init; }

    /// <summary>When it is tried next, while pending.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>When the event was queued.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>The envelope sent (null once the session was redacted).</summary>
    public JsonElement? Payload { get; init; }
}
