using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Verilock.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings. WAL (set once, in the file) lets readers run beside the writer;
/// synchronous=NORMAL is WAL's recommended pairing: a process crash loses nothing committed, only a
/// power loss can drop the last transactions. busy_timeout makes other processes' writers wait, not fail.
/// secure_delete=ON overwrites what a change frees (an updated row's old cell, index entries, freed pages)
/// with zeros, so a redacted applicant's name does not linger in the file's free space; it costs some extra
/// writes on deletes and updates. The WAL's old page images are another matter: <see cref="SqliteWalCheckpoint"/>.
/// </summary>
/// <remarks>
/// The settings belong to the native connection, which the pool keeps open across many logical opens, so
/// they are applied once per native handle: running them on every open cost a statement round per query.
/// </remarks>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    internal const string BusyTimeout = "PRAGMA busy_timeout=30000;";
    internal const string Pragmas = "PRAGMA synchronous=NORMAL; " + BusyTimeout + " PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        var handle = (connection as SqliteConnection)?.Handle;
        if (handle is not null && Configured.TryGetValue(handle, out _))
            return;
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Pragmas;
            command.ExecuteNonQuery();
        }
        if (handle is not null)
            Configured.AddOrUpdate(handle, handle);
    }
}
