using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Verilock.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings. WAL (set once, in the file) lets readers run beside the writer;
/// synchronous=NORMAL is WAL's recommended pairing: a process crash loses nothing committed, only a
/// power loss can drop the last transactions. busy_timeout makes other processes' writers wait, not fail.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA foreign_keys=ON;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
