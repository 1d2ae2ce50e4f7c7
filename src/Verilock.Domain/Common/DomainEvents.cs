namespace Verilock.Domain.Common;

/// <summary>
/// Something that happened to an aggregate, later delivered as a webhook (spec §12.5): its wire type, when it
/// happened, and its <c>data</c> object, which the outbox stores exactly as given.
/// </summary>
public abstract record DomainEvent(string Type, DateTime OccurredAt, IReadOnlyDictionary<string, object?> Data)
{
    private static long _raised;

    /// <summary>
    /// Where this event stands among every event raised in this process. Aggregates saved together write their
    /// events in this order, so a session's AML screening (raised during its checks) precedes the session's decision.
    /// </summary>
    public long RaisedOrder { get; } = Interlocked.Increment(ref _raised);
}

/// <summary>
/// Whom an aggregate's events are for: the account and mode they belong to, and the session, if any, whose own
/// <c>webhook_url</c> also receives them.
/// </summary>
public readonly record struct EventAudience(Guid AccountId, bool LiveMode, string? SessionId);

/// <summary>
/// An aggregate that raises events. Saving it writes its pending events to the outbox in the same transaction as
/// its change (one save interceptor does this for every tracked implementer, added or modified) and then clears
/// them; a failed save keeps them, so a retry writes each once. Implementing this is all a new aggregate needs for
/// its events to reach webhooks.
/// </summary>
public interface IRaisesEvents
{
    EventAudience EventAudience { get; }

    /// <summary>Raised since the aggregate was loaded or last saved, oldest first.</summary>
    IReadOnlyList<DomainEvent> PendingEvents { get; }

    void ClearPendingEvents();
}
