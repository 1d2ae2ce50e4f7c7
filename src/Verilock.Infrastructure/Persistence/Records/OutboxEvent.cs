namespace Verilock.Infrastructure.Persistence.Records;

/// <summary>
/// An event waiting to be delivered (webhooks). Written in the same transaction as the state change
/// it describes, so a crash can never lose one or report one that did not happen.
/// </summary>
public sealed class OutboxEvent
{
    public long Sequence { get; set; }
    public required string EventId { get; init; }
    public Guid AccountId { get; init; }
    public bool LiveMode { get; init; }
    public string? SessionId { get; init; }
    public required string Type { get; init; }
    /// <summary>The event's <c>data</c> object as JSON; nulled when the session is redacted.</summary>
    public string? Payload { get; set; }
    public DateTime OccurredAt { get; init; }
    /// <summary>When the webhook dispatcher turned the event into deliveries; null while waiting.</summary>
    public DateTime? DispatchedAt { get; set; }
}
