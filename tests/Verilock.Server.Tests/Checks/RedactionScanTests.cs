using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Checks;

/// <summary>
/// After <c>DELETE /sessions/{id}</c> nothing of the applicant is left anywhere the server writes: not in any
/// file of the data folder (the database, its WAL and shared-memory files, the media folder) on SQLite, not in
/// any live row of any table on PostgreSQL, and not in the log, read at every level.
/// </summary>
public abstract class RedactionScanTests(ApiFixture api) : ApiTests(api)
{
    [Fact]
    public Task A_redacted_decided_session_leaves_no_trace_of_the_applicant() => RedactAndScanAsync("Quillonette", submit: true);

    [Fact]
    public Task A_redacted_session_with_uploads_never_submitted_leaves_no_trace_of_the_applicant() => RedactAndScanAsync("Brisendale", submit: false);

    private async Task RedactAndScanAsync(string firstName, bool submit)
    {
        var log = new CapturedLog();
        Api.Services.GetRequiredService<ILoggerFactory>().AddProvider(log);
        var lastName = "Varrowmere" + firstName[..3];
        var email = $"{firstName}.{lastName}@example.org".ToLowerInvariant();
        var note = $"Zorblax-{firstName}-note";
        string[] traces = [firstName, lastName, email, note];

        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, $$"""
            {"steps":["document","selfie","aml"],"applicant":{"first_name":"{{firstName}}","last_name":"{{lastName}}","email":"{{email}}","date_of_birth":"1988-04-02"},
             "reference_id":"ref-{{lastName}}","metadata":{"crm_note":"{{note}}"},"webhook_url":"http://hooks.example.test/{{lastName}}"}
            """);
        await (await caller.Client.PostDocumentAsync(id, File("front", Jpeg(3), $"{lastName}_passport.jpg"), Field("type", "passport")))
            .ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.PostSelfieAsync(id, Jpeg(4))).ExpectAsync(HttpStatusCode.OK);
        if (submit)
        {
            await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
            await Api.RunChecksAsync();
            var decided = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
            Assert.NotNull(decided["results"]!["aml"]!["details"]!["screening_id"]);
        }
        // The scan finds the applicant while the data is there, so an empty result below means something.
        Assert.Contains(await StoredTracesAsync(traces), found => found.StartsWith(firstName + " in ", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Sessions}/{id}")).StatusCode);

        Assert.Empty(await StoredTracesAsync(traces));
        Assert.NotEmpty(log.Text);
        var logged = traces.Where(t => log.Text.Contains(t, StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.Empty(logged);
        var tombstone = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.NotNull((string?)tombstone["redacted_at"]);
    }

    /// <summary>The traces still stored (case-insensitively, ASCII), however the database keeps them, as "trace in where".</summary>
    private Task<List<string>> StoredTracesAsync(string[] traces) =>
        Api.Database is PostgresTestDatabase ? PostgresTracesAsync(traces) : Task.FromResult(FileTraces(traces));

    /// <summary>Every file under the data folder, as UTF-8 and as UTF-16 (SQLite can store either).</summary>
    private List<string> FileTraces(string[] traces)
    {
        var found = new List<string>();
        foreach (var path in Directory.EnumerateFiles(Api.Database.DataDirectory, "*", SearchOption.AllDirectories))
        {
            byte[] bytes;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
            {
                bytes = new byte[file.Length];
                file.ReadExactly(bytes);
            }
            AsciiLower(bytes);
            foreach (var trace in traces)
            {
                var lower = trace.ToLowerInvariant();
                if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(lower)) >= 0 || bytes.AsSpan().IndexOf(Encoding.Unicode.GetBytes(lower)) >= 0)
                    found.Add($"{trace} in {Path.GetRelativePath(Api.Database.DataDirectory, path)}");
            }
        }
        return found;
    }

    private static void AsciiLower(byte[] bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] is >= (byte)'A' and <= (byte)'Z')
                bytes[i] += 32;
        }
    }

    /// <summary>Every live row of every table of the test database, cast to text (all its columns, jsonb included).</summary>
    private async Task<List<string>> PostgresTracesAsync(string[] traces)
    {
        var found = new List<string>();
        await using var connection = new NpgsqlConnection(Api.Database.ConnectionString);
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = new NpgsqlCommand(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'", connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                tables.Add(reader.GetString(0));
        }
        Assert.Contains("sessions", tables);
        foreach (var table in tables)
        {
            foreach (var trace in traces)
            {
                await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\" AS r WHERE lower(r::text) LIKE @trace", connection);
                count.Parameters.AddWithValue("trace", "%" + trace.ToLowerInvariant() + "%");
                if ((long)(await count.ExecuteScalarAsync())! > 0)
                    found.Add($"{trace} in {table}");
            }
        }
        return found;
    }

    /// <summary>Every log message and exception the server writes from now on, at every level.</summary>
    private sealed class CapturedLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();

        public string Text => string.Join('\n', _lines);

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturedLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull
            {
                log._lines.Enqueue($"{category} scope: {state}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                log._lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {state} {exception}");
        }
    }
}

/// <summary>Logs at every level, so the scan reads whatever the server would ever write.</summary>
public abstract class EveryLogLevelApiFixture(TestDatabase database) : ApiFixture(database)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
    };
}

public sealed class SqliteEveryLogLevelApiFixture() : EveryLogLevelApiFixture(new SqliteTestDatabase());

public sealed class PostgresEveryLogLevelApiFixture() : EveryLogLevelApiFixture(new PostgresTestDatabase());

public sealed class RedactionScanTestsOnSqlite(SqliteEveryLogLevelApiFixture api) : RedactionScanTests(api), IClassFixture<SqliteEveryLogLevelApiFixture>;

public sealed class RedactionScanTestsOnPostgres(PostgresEveryLogLevelApiFixture api) : RedactionScanTests(api), IClassFixture<PostgresEveryLogLevelApiFixture>;
