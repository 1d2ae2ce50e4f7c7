namespace Verilock.Infrastructure.Persistence.Records;

public static class SessionCounters
{
    /// <summary>
    /// The status of the counter rows that count every session whatever its status. A list without a status
    /// filter reads these (one row per day and shard) instead of adding up five statuses; they change only when
    /// a session is created, since a status change moves a session between statuses, not between days.
    /// </summary>
    public const string AllStatuses = "*";
}

/// <summary>
/// How many sessions of one account and mode have a status, per UTC creation day. Kept exact in the same
/// transaction as every session insert and status change, so list totals and deep pages never count rows.
/// Readers sum over <see cref="Shard"/>: on PostgreSQL each change lands on a random shard so concurrent
/// writers do not queue on one hot row lock (SQLite has a single writer and uses shard 0 only).
/// </summary>
public sealed class SessionDailyCount
{
    public Guid AccountId { get; init; }
    public bool LiveMode { get; init; }
    public required string Status { get; init; }
    public DateOnly Day { get; init; }
    public short Shard { get; init; }
    public long Sessions { get; init; }
}

/// <summary>The all-time version of <see cref="SessionDailyCount"/>: a list without a date filter reads one row per shard.</summary>
public sealed class SessionTotal
{
    public Guid AccountId { get; init; }
    public bool LiveMode { get; init; }
    public required string Status { get; init; }
    public short Shard { get; init; }
    public long Sessions { get; init; }
}
