using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Sessions;

/// <summary>
/// Group commit for new sessions. Each create queues its session; one request at a time becomes the writer
/// and saves everything queued so far in one transaction (one insert batch, one counter upsert per day, one
/// commit), then wakes the others whose sessions it wrote. Under load a commit carries dozens of sessions;
/// alone, a create is saved at once as before. Nothing is acknowledged before its transaction commits. A batch
/// that breaks a constraint is saved again row by row so only the offending create fails; a batch the database
/// itself refuses (unreachable, full) fails all its creates at once.
/// </summary>
public sealed class SessionInserts(IServiceScopeFactory scopes)
{
    /// <summary>Large enough to amortise a commit, small enough that a batch's statements stay short.</summary>
    private const int MaxBatch = 128;

    private readonly ConcurrentQueue<Pending> _queue = new();
    private readonly SemaphoreSlim _writer = new(1, 1);

    private sealed class Pending(Session session)
    {
        public Session Session { get; } = session;
        public TaskCompletionSource Saved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Saves a new session (its outbox event and counters with it); returns once it is committed.</summary>
    public async Task SaveAsync(Session session)
    {
        var pending = new Pending(session);
        _queue.Enqueue(pending);
        // Not cancellable: once queued, a session is written whether or not its caller still waits, like any
        // write whose response is lost. The caller sees the outcome of its own session only.
        await _writer.WaitAsync();
        try
        {
            while (!pending.Saved.Task.IsCompleted)
                await WriteAsync(Drain());
        }
        finally
        {
            _writer.Release();
        }
        await pending.Saved.Task;
    }

    private List<Pending> Drain()
    {
        var batch = new List<Pending>(Math.Min(_queue.Count, MaxBatch));
        while (batch.Count < MaxBatch && _queue.TryDequeue(out var next))
            batch.Add(next);
        return batch;
    }

    private async Task WriteAsync(List<Pending> batch)
    {
        try
        {
            await SaveTogetherAsync(batch);
            foreach (var pending in batch)
                pending.Saved.TrySetResult();
        }
        catch (DbUpdateException ex) when (batch.Count > 1 && IsAboutOneRow(ex))
        {
            // One bad row must not fail its neighbours: save each alone, so each caller gets its own outcome.
            foreach (var pending in batch)
                await WriteAsync([pending]);
        }
        catch (Exception ex)
        {
            // The database itself failed (gone, full, timed out): retrying row by row would only fail slower.
            foreach (var pending in batch)
                pending.Saved.TrySetException(ex);
        }
    }

    /// <summary>A constraint or data error names a row; anything else is the database's, and every row's.</summary>
    private static bool IsAboutOneRow(Exception exception)
    {
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_CONSTRAINT or SQLitePCL.raw.SQLITE_MISMATCH or SQLitePCL.raw.SQLITE_TOOBIG })
                return true;
            // Class 22 is a data exception (a value too long…), 23 an integrity constraint violation.
            if (inner is PostgresException { SqlState: ['2', '2' or '3', ..] })
                return true;
        }
        return false;
    }

    private async Task SaveTogetherAsync(List<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        // Only inserts: nothing loaded can have changed, so scanning for changes would be wasted work.
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Sessions.AddRange(batch.Select(p => p.Session));
        await db.SaveChangesAsync(CancellationToken.None);
    }
}
