namespace Verilock.Client;

/// <summary>The body of <c>PATCH /webhooks/endpoints/{id}</c>: only the properties set are changed.</summary>
public sealed class WebhookEndpointUpdateOptions
{
    /// <summary>A new target (applies to deliveries still pending).</summary>
    public Uri? Url { get; set; }

    /// <summary>New subscriptions.</summary>
    public IReadOnlyList<string>? Events { get; set; }

    /// <summary>A new description.</summary>
    public string? Description { get; set; }

    /// <summary><c>enabled</c> (clears the failure state) or <c>disabled</c> (fails pending deliveries).</summary>
    public string? Status { get; set; }
}
