using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Tests.Persistence;

/// <summary>
/// The failures a stopped PostgreSQL produced in <c>Faults/PostgresOutageTests</c>, as they reached the error handler,
/// are "unavailable" (503 + Retry-After); a refused value or a bug stays a failure of its own (500 or its own answer).
/// Pins the rule against a provider upgrade that changes what it calls transient.
/// </summary>
public sealed class DatabaseFailuresTests
{
    private static PostgresException Postgres(string sqlState) => new("message", "FATAL", "FATAL", sqlState);

    // EF Core's non-retrying execution strategy wraps what the provider calls transient in this.
    private static InvalidOperationException Strategy(Exception inner) =>
        new("An exception has been raised that is likely due to a transient failure.", inner);

    public static TheoryData<string, Exception> Unavailable() => new()
    {
        { "connection refused", Strategy(new NpgsqlException("Failed to connect", new SocketException(111))) },
        { "stream cut mid-read", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "connection reset", Strategy(new DbUpdateException("saving", new NpgsqlException("reading", new IOException("reset")))) },
        { "57P01 admin_shutdown", Postgres("57P01") },
        { "57P02 crash_shutdown", Strategy(Postgres("57P02")) },
        { "57P03 cannot_connect_now", Postgres("57P03") },
        { "08006 connection_failure", Postgres("08006") },
        { "53300 too_many_connections", Postgres("53300") },
        { "pool or command timeout", new InvalidOperationException("timeout", new TimeoutException()) },
    };

    public static TheoryData<string, Exception?> Failures() => new()
    {
        { "23505 unique_violation", new DbUpdateException("saving", Postgres("23505")) },
        { "22001 string_data_right_truncation", Postgres("22001") },
        { "a bug", new InvalidOperationException("Sequence contains no elements") },
        { "no exception", null },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void An_unreachable_or_overloaded_database_is_unavailable(string what, Exception exception) =>
        Assert.True(DatabaseFailures.IsUnavailable(exception), what);

    [Theory]
    [MemberData(nameof(Failures))]
    public void Refused_values_and_bugs_are_not(string what, Exception? exception) =>
        Assert.False(DatabaseFailures.IsUnavailable(exception), what);
}
