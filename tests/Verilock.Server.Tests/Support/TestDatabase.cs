using Npgsql;

namespace Verilock.Server.Tests.Support;

/// <summary>A fresh, empty database for one fixture; the server migrates it on start.</summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract string Provider { get; }
    public abstract string? ConnectionString { get; }
    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("verilock-test-").FullName;

    /// <summary>Null when usable; otherwise why the tests on this database are skipped.</summary>
    public virtual string? Unavailable => null;

    public virtual ValueTask DisposeAsync()
    {
        Directory.Delete(DataDirectory, recursive: true);
        return ValueTask.CompletedTask;
    }
}

public sealed class SqliteTestDatabase : TestDatabase
{
    public override string Provider => "sqlite";
    public override string? ConnectionString => null; // verilock.db in the data directory
}

/// <summary>
/// A database created on the PostgreSQL server named by <c>VERILOCK_TEST_POSTGRES</c> (./test.sh starts one)
/// and dropped afterwards. Without that variable the PostgreSQL tests skip, except in CI where they fail.
/// </summary>
public sealed class PostgresTestDatabase : TestDatabase
{
    public const string Variable = "VERILOCK_TEST_POSTGRES";
    private readonly string? _server = Environment.GetEnvironmentVariable(Variable);
    private readonly string _name = "verilock_test_" + Guid.NewGuid().ToString("N");
    private bool _created;

    public override string Provider => "postgres";

    public override string? ConnectionString => _server is null
        ? null
        : new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;

    public override string? Unavailable =>
        _server is null && Environment.GetEnvironmentVariable("CI") is null
            ? $"PostgreSQL tests need {Variable} (a connection string to a server where databases can be created); ./test.sh starts one."
            : null;

    public async Task CreateAsync()
    {
        if (_server is null)
            throw new InvalidOperationException($"{Variable} is not set; ./test.sh starts a PostgreSQL server for the tests.");
        await using var connection = new NpgsqlConnection(_server);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {_name}", connection);
        await command.ExecuteNonQueryAsync();
        _created = true;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_created)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_server);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_name} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        await base.DisposeAsync();
    }
}
