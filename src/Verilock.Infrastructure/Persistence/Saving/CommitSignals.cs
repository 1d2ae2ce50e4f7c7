using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Infrastructure.Persistence.Saving;

/// <summary>
/// Rings the <see cref="CommitSignal"/>s once the transaction holding new outbox rows or check jobs commits,
/// whoever opened it (a save's own transaction, <see cref="VerilockDbContext.WriteTransactionAsync{T}"/>, a
/// caller's): before the commit the consumer would not see the rows. A failed save or a rolled-back transaction
/// rings nothing.
/// </summary>
public sealed class CommitSignals : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    private sealed class Queued
    {
        public bool Outbox { get; set; }
        public bool CheckJobs { get; set; }
    }

    private sealed class State
    {
        /// <summary>What the save under way adds, if it succeeds.</summary>
        public Queued Saving { get; } = new();

        /// <summary>What the saves in the open transaction added.</summary>
        public Queued Uncommitted { get; } = new();
    }

    private readonly ConditionalWeakTable<DbContext, State> _states = [];

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context)
        {
            var saving = _states.GetOrCreateValue(context).Saving;
            saving.Outbox = context.ChangeTracker.Entries<OutboxEvent>().Any(e => e.State == EntityState.Added)
                || OutboxWriter.Sources(context).Count > 0;
            saving.CheckJobs = context.ChangeTracker.Entries<CheckJob>().Any(e => e.State == EntityState.Added);
        }
        return ValueTask.FromResult(result);
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _states.TryGetValue(context, out var state))
        {
            state.Uncommitted.Outbox |= state.Saving.Outbox;
            state.Uncommitted.CheckJobs |= state.Saving.CheckJobs;
            state.Saving.Outbox = state.Saving.CheckJobs = false;
            // Without a transaction of its own around it, EF committed the save itself.
            if (context.Database.CurrentTransaction is null)
                Ring(context, state.Uncommitted);
        }
        return ValueTask.FromResult(result);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetSave(eventData.Context);
        return Task.CompletedTask;
    }

    public Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetSave(eventData.Context);
        return Task.CompletedTask;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(
        DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        // A pooled context may have been given back with a transaction never ended; start each one clean.
        if (eventData.Context is { } context && _states.TryGetValue(context, out var state))
            state.Uncommitted.Outbox = state.Uncommitted.CheckJobs = false;
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } context && _states.TryGetValue(context, out var state))
            Ring(context, state.Uncommitted);
        return Task.CompletedTask;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData)
    {
        if (eventData.Context is { } context && _states.TryGetValue(context, out var state))
            Ring(context, state.Uncommitted);
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ForgetTransaction(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => ForgetTransaction(eventData.Context);

    private void ForgetSave(DbContext? context)
    {
        if (context is not null && _states.TryGetValue(context, out var state))
            state.Saving.Outbox = state.Saving.CheckJobs = false;
    }

    private void ForgetTransaction(DbContext? context)
    {
        if (context is not null && _states.TryGetValue(context, out var state))
            state.Uncommitted.Outbox = state.Uncommitted.CheckJobs = false;
    }

    private static void Ring(DbContext context, Queued queued)
    {
        if (queued.Outbox)
            CommitSignal.For(CommitSignal.Outbox, context.Database.GetConnectionString()).Ring();
        if (queued.CheckJobs)
            CommitSignal.For(CommitSignal.CheckJobs, context.Database.GetConnectionString()).Ring();
        queued.Outbox = queued.CheckJobs = false;
    }
}
