using Verilock.Domain.Common;

namespace Verilock.Domain.Sessions;

/// <summary>
/// Something that happened to a session, recorded in the outbox in the same transaction as the change
/// and later delivered as a webhook (spec §12.5). <see cref="DomainEvent.Data"/> is the event's <c>data</c> object.
/// </summary>
public sealed record SessionEvent(string Type, DateTime OccurredAt, IReadOnlyDictionary<string, object?> Data)
    : DomainEvent(Type, OccurredAt, Data);
