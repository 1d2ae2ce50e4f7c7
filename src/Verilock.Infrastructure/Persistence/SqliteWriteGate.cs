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

    public static async Task<IDisposable?> EnterAsync(VerilockDbContext db, CancellationToken cancellationToken)
    {
        if (!db.IsSqlite)
            return null;
        var gate = Gates.GetOrAdd(db.Database.GetDbConnection().DataSource, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        return new Releaser(gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
