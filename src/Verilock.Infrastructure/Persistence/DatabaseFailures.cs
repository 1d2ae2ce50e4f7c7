using System.Data.Common;

namespace Verilock.Infrastructure.Persistence;

/// <summary>
/// Which failures mean "the database is overloaded or unreachable right now", as opposed to a bug or a refused
/// value: the API answers them 503 with Retry-After, and background work waits and tries again. Measured by
/// stopping PostgreSQL under load (<c>Faults/PostgresOutageTests</c>): connection refused, a reset or a stream
/// cut mid-read arrive as <c>NpgsqlException</c> over a <c>SocketException</c>/<c>IOException</c>; a fast
/// shutdown's 57P01 (and 57P02, 57P03 while it starts or stops, class 08) as <c>PostgresException</c>; either
/// one wrapped in EF Core's <c>InvalidOperationException</c> ("likely due to a transient failure", from the
/// provider's non-retrying execution strategy) or in a <c>DbUpdateException</c>. Npgsql marks all of those
/// <see cref="DbException.IsTransient"/>, so the rule is that flag anywhere in the chain (a pool or command
/// timeout is a <see cref="TimeoutException"/> inside); constraint and data errors (classes 23, 22) are not
/// transient and stay failures of their own.
/// </summary>
public static class DatabaseFailures
{
    public static bool IsUnavailable(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is TimeoutException or DbException { IsTransient: true })
                return true;
        }
        return false;
    }
}
