using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Verilock.Domain.Accounts;
using Verilock.Domain.Aml;
using Verilock.Domain.Common;
using Verilock.Domain.Operators;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence.Configurations;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Serialization;

namespace Verilock.Infrastructure.Persistence;

/// <summary>
/// The database. Saving is where the durable side effects of a state change are added, in the same
/// transaction: outbox rows for the aggregate's events and the session counters behind list totals.
/// Each provider has its own subclass only so that each keeps its own migrations.
/// It also holds ASP.NET Core's data-protection key ring (dashboard cookies, antiforgery), so every instance
/// sharing the database reads the same keys.
/// </summary>
public abstract class VerilockDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<VerificationProfile> Profiles => Set<VerificationProfile>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();
    public DbSet<SessionDailyCount> SessionDailyCounts => Set<SessionDailyCount>();
    public DbSet<SessionTotal> SessionTotals => Set<SessionTotal>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDefaultSecret> WebhookDefaultSecrets => Set<WebhookDefaultSecret>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<AmlScreening> AmlScreenings => Set<AmlScreening>();
    public DbSet<AmlMonitoringClaim> AmlMonitoringClaims => Set<AmlMonitoringClaim>();
    public DbSet<CheckJob> CheckJobs => Set<CheckJob>();
    public DbSet<MediaBlob> MediaBlobs => Set<MediaBlob>();
    public DbSet<Operator> Operators => Set<Operator>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();

    public abstract bool IsSqlite { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VerilockDbContext).Assembly);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: saving also writes counters and the outbox.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        var sessions = ChangeTracker.Entries<Session>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified)
            .ToList();
        var counterChanges = CounterChanges(sessions);
        // A session's AML step finishes before the session is decided: its events come first in the outbox.
        var screenings = ScreeningsWithEvents();
        var raised = new List<Session>();
        foreach (var entry in sessions)
        {
            if (entry.State == EntityState.Modified)
                entry.Property<int>(SessionConfiguration.VersionProperty).CurrentValue++;
            if (entry.Entity.PendingEvents.Count == 0)
                continue;
            raised.Add(entry.Entity);
            OutboxEvents.AddRange(entry.Entity.PendingEvents.Select(e => ToOutbox(entry.Entity, e)));
        }

        var writesOutbox = ChangeTracker.Entries<OutboxEvent>().Any(e => e.State == EntityState.Added);
        var queuesJobs = ChangeTracker.Entries<CheckJob>().Any(e => e.State == EntityState.Added);
        using var writeLock = await SqliteWriteGate.EnterAsync(this, cancellationToken);
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            // In a transaction of its own, EF's automatic savepoint is two statements for nothing: a failure rolls
            // the whole transaction back anyway. Inside a caller's transaction it keeps a failed save undoable.
            Database.AutoSavepointsEnabled = ownTransaction is null;
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            foreach (var change in counterChanges)
                await ApplyCounterChangeAsync(change, cancellationToken);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken);
            // Inside a caller's transaction the rows are not visible yet: whoever commits it rings.
            if (ownTransaction is not null)
                RingFor(writesOutbox, queuesJobs);
            _outboxWrittenInTransaction |= writesOutbox && ownTransaction is null;
            _jobsQueuedInTransaction |= queuesJobs && ownTransaction is null;
            foreach (var session in raised)
                session.ClearPendingEvents();
            foreach (var screening in screenings)
                screening.ClearPendingEvents();
            return written;
        }
        finally
        {
            Database.AutoSavepointsEnabled = true;
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    private bool _outboxWrittenInTransaction;
    private bool _jobsQueuedInTransaction;

    private void RingFor(bool outbox, bool checkJobs)
    {
        if (outbox)
            CommitSignal.For(CommitSignal.Outbox, Database.GetConnectionString()).Ring();
        if (checkJobs)
            CommitSignal.For(CommitSignal.CheckJobs, Database.GetConnectionString()).Ring();
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction (SaveChanges inside it joins), queued behind this
    /// process's other SQLite writers; rings the commit signals after the commit for the work it queued.
    /// </summary>
    public Task<T> WriteTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        SqliteWriteGate.RunAsync(this, async () =>
        {
            _outboxWrittenInTransaction = _jobsQueuedInTransaction = false;
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
            var result = await work(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            RingFor(_outboxWrittenInTransaction, _jobsQueuedInTransaction);
            _outboxWrittenInTransaction = _jobsQueuedInTransaction = false;
            return result;
        }, cancellationToken);
    /// <summary>Bumps the version of changed screenings and queues their events in the outbox, like sessions'.</summary>
    private List<AmlScreening> ScreeningsWithEvents()
    {
        var raised = new List<AmlScreening>();
        foreach (var entry in ChangeTracker.Entries<AmlScreening>().ToList())
        {
            if (entry.State == EntityState.Modified)
                entry.Property<int>(AmlScreeningConfiguration.VersionProperty).CurrentValue++;
            if (entry.State is not (EntityState.Added or EntityState.Modified) || entry.Entity.PendingEvents.Count == 0)
                continue;
            raised.Add(entry.Entity);
            OutboxEvents.AddRange(entry.Entity.PendingEvents.Select(e => ToOutbox(entry.Entity, e)));
        }
        return raised;
    }

    private readonly record struct CounterKey(Guid AccountId, bool LiveMode, string Status, DateOnly Day);

    private sealed record CounterChange(CounterKey Key, int Delta);

    /// <summary>
    /// The counter deltas of a save, summed per key: a batch of creates or expiries is one upsert per day and
    /// status, not one per session. A new session also counts under <see cref="SessionCounters.AllStatuses"/>.
    /// </summary>
    private static List<CounterChange> CounterChanges(IEnumerable<EntityEntry<Session>> entries)
    {
        var deltas = new Dictionary<CounterKey, int>();
        void Add(Session session, string status, int delta)
        {
            var key = new CounterKey(session.AccountId, session.LiveMode, status, DateOnly.FromDateTime(session.CreatedAt));
            deltas[key] = deltas.GetValueOrDefault(key) + delta;
        }

        foreach (var entry in entries)
        {
            var session = entry.Entity;
            var status = entry.Property(s => s.Status);
            if (entry.State == EntityState.Added)
            {
                Add(session, session.Status.ToWire(), +1);
                Add(session, SessionCounters.AllStatuses, +1);
            }
            else if (status.OriginalValue != status.CurrentValue)
            {
                Add(session, status.OriginalValue.ToWire(), -1);
                Add(session, status.CurrentValue.ToWire(), +1);
            }
        }
        return deltas.Where(d => d.Value != 0).Select(d => new CounterChange(d.Key, d.Value)).ToList();
    }

    /// <summary>Counter rows per key on PostgreSQL; see <see cref="SessionDailyCount"/>.</summary>
    private const int PostgresCounterShards = 16;

    // ON CONFLICT … DO UPDATE reads the same in SQLite and PostgreSQL and keeps concurrent writers exact.
    private async Task ApplyCounterChangeAsync(CounterChange change, CancellationToken cancellationToken)
    {
        var (c, delta) = (change.Key, change.Delta);
        var shard = (short)(IsSqlite ? 0 : Random.Shared.Next(PostgresCounterShards));
        await Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO session_daily_counts (account_id, live_mode, status, day, shard, sessions)
            VALUES ({c.AccountId}, {c.LiveMode}, {c.Status}, {c.Day}, {shard}, {delta})
            ON CONFLICT (account_id, live_mode, status, day, shard)
            DO UPDATE SET sessions = session_daily_counts.sessions + excluded.sessions;
            INSERT INTO session_totals (account_id, live_mode, status, shard, sessions)
            VALUES ({c.AccountId}, {c.LiveMode}, {c.Status}, {shard}, {delta})
            ON CONFLICT (account_id, live_mode, status, shard)
            DO UPDATE SET sessions = session_totals.sessions + excluded.sessions
            """, cancellationToken);
    }

    /// <summary>A screening's events carry its session's id, so a session's <c>webhook_url</c> gets the <c>aml.*</c> events of its step.</summary>
    private static OutboxEvent ToOutbox(AmlScreening screening, AmlEvent e) =>
        ToOutbox(screening.AccountId, screening.LiveMode, screening.SessionId, e.Type, e.Data, e.OccurredAt);

    private static OutboxEvent ToOutbox(Session session, SessionEvent e) =>
        ToOutbox(session.AccountId, session.LiveMode, session.Id, e.Type, e.Data, e.OccurredAt);

    private static OutboxEvent ToOutbox(
        Guid accountId, bool liveMode, string? sessionId, string type, IReadOnlyDictionary<string, object?> data, DateTime occurredAt) => new()
    {
        EventId = Ids.NewEventId(),
        AccountId = accountId,
        LiveMode = liveMode,
        SessionId = sessionId,
        Type = type,
        Payload = JsonSerializer.Serialize(data, ApiJson.Options),
        OccurredAt = occurredAt,
    };
}

public sealed class SqliteVerilockDbContext(DbContextOptions<SqliteVerilockDbContext> options) : VerilockDbContext(options)
{
    public override bool IsSqlite => true;
}

public sealed class PostgresVerilockDbContext(DbContextOptions<PostgresVerilockDbContext> options) : VerilockDbContext(options)
{
    public override bool IsSqlite => false;
}
