namespace Verilock.Client;

/// <summary>The body of <c>POST /webhooks/endpoints</c>.</summary>
public sealed class WebhookEndpointCreateOptions
{
    /// <summary>Required: absolute https (http with test keys), ≤ 2048 chars.</summary>
    public Uri? Url { get; set; }

    /// <summary>Required: event names (<see cref="WebhookEventTypes"/>) or <c>["*"]</c>.</summary>
    public IReadOnlyList<string>? Events { get; set; }

    /// <summary>Your description.</summary>
    public string? Description { get; set; }
}
