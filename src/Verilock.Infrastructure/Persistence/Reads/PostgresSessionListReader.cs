using System.Data.Common;
using Npgsql;

namespace Verilock.Infrastructure.Persistence.Reads;

/// <summary>
/// PostgreSQL list reads through their own data source with automatic preparation: the few list statements
/// are parsed and planned once per connection instead of on every request, and a shallow page is sent together
/// with its total.
/// </summary>
public sealed class PostgresSessionListReader : SessionListReader, IDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    public PostgresSessionListReader(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
            builder.MaxAutoPrepare = 32;
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
    }

    protected override async ValueTask<ReadConnection> OpenAsync(CancellationToken cancellationToken) =>
        new Leased(await _dataSource.OpenConnectionAsync(cancellationToken));

    public void Dispose() => _dataSource.Dispose();

    private sealed class Leased(NpgsqlConnection connection) : ReadConnection
    {
        public override DbCommand Command(string sql) => new NpgsqlCommand(sql, connection);

        public override object AccountId(Guid accountId) => accountId;

        public override bool CanBatch => true;

        public override bool SkipsByKey => true;

        public override async Task<DbDataReader> ExecuteBatchAsync(IReadOnlyList<DbCommand> commands, CancellationToken cancellationToken)
        {
            var batch = new NpgsqlBatch(connection);
            foreach (var command in commands)
            {
                var batchCommand = new NpgsqlBatchCommand(command.CommandText);
                foreach (NpgsqlParameter parameter in command.Parameters)
                    batchCommand.Parameters.Add(parameter.Clone());
                batch.BatchCommands.Add(batchCommand);
            }
            return await batch.ExecuteReaderAsync(cancellationToken);
        }

        public override ValueTask DisposeAsync() => connection.DisposeAsync();
    }
}
