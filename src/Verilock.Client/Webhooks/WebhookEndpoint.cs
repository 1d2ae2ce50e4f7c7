namespace Verilock.Client;

/// <summary>A webhook endpoint (spec §12.1).</summary>
public sealed class WebhookEndpoint : VerilockEntity
{
    /// <summary><c>whe_&lt;uuid&gt;</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>False for an endpoint of a test key (gets test-mode events only).</summary>
    public bool Livemode { get; init; }

    /// <summary>Where deliveries are POSTed.</summary>
    public Uri? Url { get; init; }

    /// <summary>Subscribed events (<see cref="WebhookEventTypes"/>), or <c>["*"]</c>.</summary>
    public IReadOnlyList<string> Events { get; init; } = [];

    /// <summary>Your description.</summary>
    public string? Description { get; init; }

    /// <summary>See <see cref="WebhookEndpointStatuses"/>.</summary>
    public string Status { get; init; } = "";

    /// <summary><c>failing_3_days</c> when the server disabled it.</summary>
    public string? DisabledReason { get; init; }

    /// <summary>Since when deliveries to it have failed without a success.</summary>
    public DateTimeOffset? FailingSince { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The signing secret (<c>whsec_…</c>): only in the answer to create, shown once; null elsewhere.</summary>
    public string? Secret { get; init; }
}
