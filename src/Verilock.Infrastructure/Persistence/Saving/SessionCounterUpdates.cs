using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Persistence.Saving;

/// <summary>
/// Keeps <c>session_daily_counts</c> and <c>session_totals</c> exact in the transaction of every session insert
/// and status change. A save's deltas are taken before it runs (the statuses it changes from) and applied after
/// its rows are written, summed per key: a batch of creates or expiries is one upsert per day and status.
/// </summary>
public sealed class SessionCounterUpdates : SaveChangesInterceptor
{
    /// <summary>Counter rows per key on PostgreSQL; see <see cref="SessionDailyCount"/>.</summary>
    private const int PostgresCounterShards = 16;

    private readonly record struct CounterKey(Guid AccountId, bool LiveMode, string Status, DateOnly Day);

    private sealed record CounterChange(CounterKey Key, int Delta);

    private sealed record Pending(List<CounterChange> Changes);

    private readonly ConditionalWeakTable<DbContext, Pending> _saving = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        throw new NotSupportedException("Use SaveChangesAsync: saving also writes the session counters.");

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && CounterChanges(context) is { Count: > 0 } changes)
            _saving.AddOrUpdate(context, new Pending(changes));
        return ValueTask.FromResult(result);
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is not { } context || !_saving.TryGetValue(context, out var pending))
            return result;
        _saving.Remove(context);
        var sqlite = context.Database.IsSqlite();
        foreach (var change in pending.Changes)
            await ApplyAsync(context, sqlite, change, cancellationToken);
        return result;
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
            _saving.Remove(context);
    }

    /// <summary>A new session also counts under <see cref="SessionCounters.AllStatuses"/>.</summary>
    private static List<CounterChange> CounterChanges(DbContext context)
    {
        var deltas = new Dictionary<CounterKey, int>();
        void Add(Session session, string status, int delta)
        {
            var key = new CounterKey(session.AccountId, session.LiveMode, status, DateOnly.FromDateTime(session.CreatedAt));
            deltas[key] = deltas.GetValueOrDefault(key) + delta;
        }

        foreach (var entry in context.ChangeTracker.Entries<Session>())
        {
            var session = entry.Entity;
            var status = entry.Property(s => s.Status);
            if (entry.State == EntityState.Added)
            {
                Add(session, session.Status.ToWire(), +1);
                Add(session, SessionCounters.AllStatuses, +1);
            }
            else if (entry.State == EntityState.Modified && status.OriginalValue != status.CurrentValue)
            {
                Add(session, status.OriginalValue.ToWire(), -1);
                Add(session, status.CurrentValue.ToWire(), +1);
            }
        }
        return deltas.Where(d => d.Value != 0).Select(d => new CounterChange(d.Key, d.Value)).ToList();
    }

    // ON CONFLICT … DO UPDATE reads the same in SQLite and PostgreSQL and keeps concurrent writers exact.
    private static async Task ApplyAsync(DbContext context, bool sqlite, CounterChange change, CancellationToken cancellationToken)
    {
        var (c, delta) = (change.Key, change.Delta);
        var shard = (short)(sqlite ? 0 : Random.Shared.Next(PostgresCounterShards));
        await context.Database.ExecuteSqlInterpolatedAsync($"""
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
}
