using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Verilock.Infrastructure.Persistence.Reads;

/// <summary>
/// SQLite keeps compiled statements per connection, and Microsoft.Data.Sqlite finalizes them whenever a
/// connection closes (even into its pool). So list reads get their own open connections, each holding its
/// prepared statements: compiling the page query cost more than running it.
/// </summary>
public sealed class SqliteSessionListReader(string connectionString) : SessionListReader, IDisposable
{
    /// <summary>Idle connections kept; more may be open under a burst, and are closed when returned.</summary>
    private const int MaxIdle = 32;

    private readonly ConcurrentBag<PreparedConnection> _idle = [];
    private readonly string _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString();

    protected override ValueTask<ReadConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (!_idle.TryTake(out var connection))
            connection = new PreparedConnection(this, _connectionString);
        return ValueTask.FromResult<ReadConnection>(connection.Lease());
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var connection))
            connection.Dispose();
    }

    private void Return(PreparedConnection connection)
    {
        if (_idle.Count < MaxIdle)
            _idle.Add(connection);
        else
            connection.Dispose();
    }

    private sealed class PreparedConnection : IDisposable
    {
        private readonly SqliteSessionListReader _owner;
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public PreparedConnection(SqliteSessionListReader owner, string connectionString)
        {
            _owner = owner;
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
            // Every connection to the file gets the same settings (secure_delete included), reads or not.
            using var pragmas = _connection.CreateCommand();
            pragmas.CommandText = SqlitePragmas.Pragmas;
            pragmas.ExecuteNonQuery();
        }

        public ReadConnection Lease() => new Leased(this);

        public void Dispose() => _connection.Dispose();

        private DbCommand Command(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
                command.CommandText = sql;
                _commands[sql] = command;
            }
            return command;
        }

        /// <summary>One request's use of the connection; disposing it puts the connection back (readers reset their statements on dispose).</summary>
        private sealed class Leased(PreparedConnection connection) : ReadConnection
        {
            public override DbCommand Command(string sql) => connection.Command(sql);

            public override object AccountId(Guid accountId) => accountId.ToString().ToUpperInvariant();

            public override bool ComputesRowsOnlyWhenRead => true;

            public override ValueTask DisposeAsync()
            {
                connection._owner.Return(connection);
                return ValueTask.CompletedTask;
            }
        }
    }
}
