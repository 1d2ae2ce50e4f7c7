using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;

namespace Verilock.Infrastructure.Persistence;

/// <summary>
/// SQLite allows one writer at a time. Queueing this process's writers here, instead of letting them
/// collide on the database lock and spin on SQLITE_BUSY, keeps thousands of concurrent requests orderly.
/// Other processes (the CLI) still meet the busy timeout, which covers their rare writes.
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new();

    // Set only inside RunAsync's work, so a SaveChanges there joins the held gate instead of waiting on itself.
    private static readonly AsyncLocal<bool> Held = new();

    public static async Task<IDisposable?> EnterAsync(VerilockDbContext db, CancellationToken cancellationToken)
    {
        if (!db.IsSqlite || Held.Value)
            return null;
        var gate = Gates.GetOrAdd(db.Database.GetDbConnection().DataSource, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    /// <summary>
    /// Runs <paramref name="work"/> holding the gate. A transaction that reads before it writes must start
    /// under the gate on SQLite: otherwise another writer can commit in between and the write fails with
    /// SQLITE_BUSY_SNAPSHOT, which no busy timeout retries.
    /// </summary>
    public static async Task<T> RunAsync<T>(VerilockDbContext db, Func<Task<T>> work, CancellationToken cancellationToken)
    {
        using var gate = await EnterAsync(db, cancellationToken);
        Held.Value = true;
        return await work();
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
