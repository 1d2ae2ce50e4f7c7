namespace Verilock.Infrastructure.Persistence;

/// <summary><c>Verilock:Database</c>: which database and where. SQLite in the data folder unless told otherwise.</summary>
public sealed class DatabaseOptions
{
    public const string Sqlite = "sqlite";
    public const string Postgres = "postgres";

    public string Provider { get; set; } = Sqlite;

    /// <summary>Empty means <c>verilock.db</c> in the data folder (SQLite only).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// Whether the server (and every command) applies pending migrations before it starts. Off where a deploy step runs
    /// <c>verilock migrate</c> once for all instances; then a server meeting an older schema refuses to start.
    /// </summary>
    public bool MigrateAtStartup { get; set; } = true;

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public IEnumerable<string> Problems()
    {
        if (!IsPostgres && !string.Equals(Provider, Sqlite, StringComparison.OrdinalIgnoreCase))
            yield return $"Verilock:Database:Provider must be '{Sqlite}' or '{Postgres}', not '{Provider}'.";
        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString))
            yield return "Verilock:Database:ConnectionString is required when the provider is postgres.";
    }

    public string SqliteConnectionString(string dataDirectory) =>
        string.IsNullOrWhiteSpace(ConnectionString)
            ? $"Data Source={Path.Combine(dataDirectory, "verilock.db")}"
            : ConnectionString;
}
