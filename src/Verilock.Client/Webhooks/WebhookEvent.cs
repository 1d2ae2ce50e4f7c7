using System.Text.Json;
using Verilock.Client.Json;

namespace Verilock.Client;

/// <summary>
/// A webhook delivery's body (spec §12.2): <c>{"event","data","timestamp","webhook_id"}</c>. Parse it only after
/// <see cref="WebhookSignature.Verify(string, string?, string, TimeSpan)"/> has accepted the raw body.
/// </summary>
public sealed class WebhookEvent
{
    /// <summary>The event name (<see cref="WebhookEventTypes"/>).</summary>
    public string Event { get; init; } = "";

    /// <summary>The event's data; its fields depend on the event (spec §12.5).</summary>
    public JsonElement Data { get; init; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset Timestamp { get; init; }

    /// <summary><c>wh_evt_…</c>: the same across retries and resends, so deliveries can be deduplicated on it.</summary>
    public string WebhookId { get; init; } = "";

    /// <summary><c>data.session_id</c>, for session and AML events (null when absent).</summary>
    public string? SessionId => StringField("session_id");

    /// <summary><c>data.screening_id</c>, for AML events (null when absent).</summary>
    public string? ScreeningId => StringField("screening_id");

    /// <summary>Reads a delivery body.</summary>
    /// <exception cref="JsonException">The body is not a webhook envelope.</exception>
    public static WebhookEvent Parse(string rawBody)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        return JsonSerializer.Deserialize(rawBody, VerilockJsonContext.Default.WebhookEvent)
            ?? throw new JsonException("The webhook body is JSON null, not an envelope.");
    }

    private string? StringField(string name) =>
        Data.ValueKind == JsonValueKind.Object && Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
