namespace Verilock.Infrastructure.Persistence.Records;

/// <summary>
/// An integrator's webhook endpoint (spec §12.1). Secrets are stored encrypted (they must stay usable as
/// HMAC keys, so they cannot be hashed); during the 24 hours after a rotation the previous secret still signs.
/// </summary>
public sealed class WebhookEndpoint
{
    public required string Id { get; init; }
    public Guid AccountId { get; init; }
    public bool LiveMode { get; init; }
    public required string Url { get; set; }
    /// <summary>Subscribed event names, or the single entry <c>*</c>.</summary>
    public required List<string> Events { get; set; }
    public string? Description { get; set; }
    public bool Enabled { get; set; } = true;
    public string? DisabledReason { get; set; }
    /// <summary>Start of the current run of failed attempts; cleared by any success.</summary>
    public DateTime? FailingSince { get; set; }
    public required string SecretCiphertext { get; set; }
    public string? PreviousSecretCiphertext { get; set; }
    public DateTime? PreviousSecretExpiresAt { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }

    public bool Subscribes(string eventType) => Events.Contains("*") || Events.Contains(eventType);
}

/// <summary>
/// The secret of one account and mode that signs deliveries to per-session <c>webhook_url</c>s (spec §12.1).
/// </summary>
public sealed class WebhookDefaultSecret
{
    public Guid AccountId { get; init; }
    public bool LiveMode { get; init; }
    public required string SecretCiphertext { get; set; }
    public string? PreviousSecretCiphertext { get; set; }
    public DateTime? PreviousSecretExpiresAt { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; set; }
}

/// <summary>
/// One event to one target (spec §12.6). <see cref="Payload"/> is the exact envelope sent, so the body bytes
/// never change between attempts. A pending row whose <see cref="NextAttemptAt"/> has passed is due; claiming
/// it counts the attempt and moves <see cref="NextAttemptAt"/> past the attempt's deadline, which doubles as
/// the lease: if the claiming process dies, the row becomes due again and is retried (at-least-once).
/// </summary>
public sealed class WebhookDelivery
{
    public const string Pending = "pending";
    public const string Succeeded = "succeeded";
    public const string Failed = "failed";

    public required string WebhookId { get; init; }
    public Guid AccountId { get; init; }
    public bool LiveMode { get; init; }
    public string? EndpointId { get; init; }
    public string? SessionId { get; init; }
    public required string EventType { get; init; }
    public required string Url { get; set; }
    public string? Payload { get; set; }
    public required string Status { get; set; }
    public int Attempts { get; set; }
    public DateTime? LastAttemptAt { get; set; }
    public int? LastResponseStatus { get; set; }
    public string? LastError { get; set; }
    public DateTime? NextAttemptAt { get; set; }
    public DateTime CreatedAt { get; init; }
}
