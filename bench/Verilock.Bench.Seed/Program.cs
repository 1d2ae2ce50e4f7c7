// Seeds N sessions into the account of one API key, for the list/create benchmark (bench/sessions-load.sh).
//
//   Verilock.Bench.Seed --provider sqlite|postgres --connection "<connection string>" --key <api key> [--count 1000000]
//
// Rows are written the way the server writes them (same column formats, same JSON), and the counter tables
// session_daily_counts / session_totals are raised by exactly what was inserted (on counter shard 0, the
// column's default; readers sum over shards), because the list endpoint
// reads its totals and deep-page positions from them rather than from count(*).
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

var options = Options.Parse(args);
var watch = Stopwatch.StartNew();
var rows = new SessionGenerator(options.Count, DateTime.UtcNow);
var counts = options.Provider switch
{
    "sqlite" => await SqliteSeeder.SeedAsync(options, rows),
    "postgres" => await PostgresSeeder.SeedAsync(options, rows),
    _ => throw new ArgumentException($"Unknown provider '{options.Provider}' (sqlite or postgres)."),
};
Console.WriteLine($"seeded {options.Count:N0} sessions in {watch.Elapsed.TotalSeconds:F1} s: " +
                  string.Join(", ", counts.Totals().Where(t => t.Key != Counts.AllStatuses).OrderBy(t => t.Key).Select(t => $"{t.Key}={t.Value:N0}")));

internal sealed record Options(string Provider, string Connection, string Key, int Count)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
            values[args[i].TrimStart('-')] = args[i + 1];
        string Required(string name) =>
            values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required.");
        return new Options(Required("provider"), Required("connection"), Required("key"),
            values.TryGetValue("count", out var count) ? int.Parse(count, CultureInfo.InvariantCulture) : 1_000_000);
    }

    /// <summary>api_keys.prefix holds the key's first 16 characters (ApiKey.PrefixLength).</summary>
    public string KeyPrefix => Key[..16];
}

/// <summary>One session as stored. Only what varies is kept; the rest is filled by the writers.</summary>
internal sealed record SessionRow(
    string Id, string Status, string? Decision, int? RiskScore, string? RiskLevel, string? ReferenceId,
    string[] Steps, string Settings, string Results, string SessionToken,
    DateTime CreatedAt, DateTime ExpiresAt, DateTime? ConsentGivenAt, DateTime? SubmittedAt, DateTime? DecidedAt,
    string? FirstName, string? LastName, string? Email, DateOnly? DateOfBirth, string? Nationality)
{
    public DateOnly Day => DateOnly.FromDateTime(CreatedAt);
    public string StepsText => string.Join(',', Steps);
}

/// <summary>
/// A year of sessions, oldest first, a few thousand per day. Old sessions are finished (mostly approved,
/// declined or expired, a few stuck in processing); only the last two hours hold <c>created</c> ones, and
/// those expire a day after creation: the server expires due <c>created</c> sessions on every read, so
/// anything already due would be rewritten in the middle of the benchmark.
/// </summary>
internal sealed class SessionGenerator(int count, DateTime now)
{
    private static readonly string[][] StepSets =
    [
        ["document", "selfie", "face_match"],
        ["document", "selfie", "face_match", "liveness"],
        ["document"],
        ["document", "aml"],
        ["document", "selfie", "face_match", "liveness", "aml"],
    ];
    private static readonly string[] FirstNames = ["Jean", "Marie", "Ahmed", "Lena", "Paolo", "Sofia", "Kenji", "Amara", "Lucas", "Ines"];
    private static readonly string[] LastNames = ["Dupont", "Martin", "Haddad", "Schmidt", "Rossi", "Garcia", "Tanaka", "Okafor", "Silva", "Novak"];
    private static readonly string[] Countries = ["FR", "DE", "IT", "ES", "NL", "BE", "PT", "JP", "NG", "BR"];

    private readonly DateTime _now = new(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);

    public IEnumerable<SessionRow> Rows()
    {
        var random = new Random(20261127);
        var start = _now.AddDays(-365);
        var span = (_now.AddMinutes(-1) - start).TotalSeconds;
        for (var i = 0; i < count; i++)
        {
            var createdAt = start.AddSeconds(Math.Floor(span * i / count));
            yield return Row(random, createdAt);
        }
    }

    private SessionRow Row(Random random, DateTime createdAt)
    {
        var steps = StepSets[random.Next(StepSets.Length)];
        var recent = createdAt > _now.AddHours(-2);
        var roll = random.NextDouble();
        var status = recent
            ? roll < 0.7 ? "created" : "processing"
            : roll < 0.02 ? "processing" : roll < 0.57 ? "approved" : roll < 0.80 ? "declined" : "expired";
        var expiresAt = createdAt.AddSeconds(recent ? 86_400 : 3_600);
        var started = status is not ("created" or "expired");
        var consentAt = started ? createdAt.AddSeconds(random.Next(10, 300)) : (DateTime?)null;
        var submittedAt = consentAt?.AddSeconds(random.Next(30, 600));
        var decidedAt = status is "approved" or "declined" ? submittedAt!.Value.AddSeconds(random.Next(2, 120)) : (DateTime?)null;
        var (decision, riskScore, riskLevel) = status switch
        {
            "approved" => ("approved", random.Next(0, 30), "low"),
            "declined" => ("declined", random.Next(60, 100), "high"),
            _ => ((string?)null, (int?)null, (string?)null),
        };

        var named = random.NextDouble() < 0.8;
        var first = named ? FirstNames[random.Next(FirstNames.Length)] : null;
        var last = named ? LastNames[random.Next(LastNames.Length)] : null;
        var stepStatus = status switch
        {
            "approved" => "approved",
            "declined" => "declined",
            "processing" => "pending",
            _ => "not_started",
        };
        return new SessionRow(
            Id: "ses_" + Guid.NewGuid().ToString("D"),
            Status: status, Decision: decision, RiskScore: riskScore, RiskLevel: riskLevel,
            ReferenceId: random.NextDouble() < 0.6 ? "user_" + random.Next(1, 5_000_000).ToString(CultureInfo.InvariantCulture) : null,
            Steps: steps,
            Settings: Settings(steps),
            Results: Results(steps, stepStatus, random),
            SessionToken: "tok_" + Convert.ToBase64String(Guid.NewGuid().ToByteArray().Concat(Guid.NewGuid().ToByteArray()).ToArray())
                .TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            CreatedAt: createdAt, ExpiresAt: expiresAt, ConsentGivenAt: consentAt, SubmittedAt: submittedAt, DecidedAt: decidedAt,
            FirstName: first, LastName: last,
            Email: random.NextDouble() < 0.5 ? $"applicant{random.Next(1, 9_999_999)}@example.com" : null,
            DateOfBirth: named && random.NextDouble() < 0.5 ? new DateOnly(1950, 1, 1).AddDays(random.Next(0, 20_000)) : null,
            Nationality: named ? Countries[random.Next(Countries.Length)] : null);
    }

    // Exactly what the API stores for a session created with these steps and no profile (ProfileSettings.Defaults).
    private static string Settings(string[] steps) =>
        "{\"steps\":[" + string.Join(',', steps.Select(s => $"\"{s}\"")) + "],\"liveness_mode\":\"passive\"," +
        "\"liveness_threshold\":75,\"liveness_challenges\":[\"head_left\",\"head_right\",\"smile\",\"blink\"]," +
        "\"document_types\":[\"passport\",\"id_card\",\"driving_license\",\"residence_permit\"],\"aml_threshold\":null}";

    private static string Results(string[] steps, string status, Random random) =>
        "{" + string.Join(',', steps.Select(step =>
        {
            var score = status is "approved" or "declined"
                ? (random.Next(50, 100) / 100.0).ToString(CultureInfo.InvariantCulture)
                : "null";
            return $"\"{step}\":{{\"status\":\"{status}\",\"score\":{score},\"details\":null}}";
        })) + "}";
}

/// <summary>What was inserted, per status and day, to raise the counter tables by.</summary>
internal sealed class Counts
{
    /// <summary>The server's SessionCounters.AllStatuses: every session is also counted under it.</summary>
    public const string AllStatuses = "*";

    public Dictionary<(string Status, DateOnly Day), long> Daily { get; } = [];

    public void Add(SessionRow row)
    {
        Daily[(row.Status, row.Day)] = Daily.GetValueOrDefault((row.Status, row.Day)) + 1;
        Daily[(AllStatuses, row.Day)] = Daily.GetValueOrDefault((AllStatuses, row.Day)) + 1;
    }

    public Dictionary<string, long> Totals() =>
        Daily.GroupBy(d => d.Key.Status).ToDictionary(g => g.Key, g => g.Sum(d => d.Value));
}

internal static class SqliteSeeder
{
    // EF Core's SQLite provider stores DateTime as this text (whole seconds here), Guid as upper-case text.
    private static string Text(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    private static string Text(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static object Db(DateTime? value) => value is { } v ? Text(v) : DBNull.Value;
    private static object Db(object? value) => value ?? DBNull.Value;

    public static async Task<Counts> SeedAsync(Options options, SessionGenerator generator)
    {
        await using var connection = new SqliteConnection(options.Connection);
        await connection.OpenAsync();
        // One big transaction; a large page cache keeps the random-order indexes (id, token) in memory.
        await Execute(connection, "PRAGMA cache_size=-1000000; PRAGMA synchronous=OFF;");

        var (accountText, liveMode) = await AccountAsync(connection, options.KeyPrefix);
        var counts = new Counts();
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO sessions (id, account_id, live_mode, status, decision, review_reasons, risk_score, risk_level,
                    reference_id, profile_id, steps, settings, metadata, redirect_url, webhook_url, monitoring_enabled, results,
                    decided_by, decision_reason, decided_at, session_token, consent_given_at, expires_at, created_at,
                    submitted_at, completed_at, redacted_at, version, applicant_date_of_birth, applicant_email,
                    applicant_first_name, applicant_last_name, applicant_nationality)
                VALUES ($id, $account, $live, $status, $decision, '[]', $risk_score, $risk_level,
                    $reference_id, NULL, $steps, $settings, '{}', NULL, NULL, 0, $results,
                    $decided_by, NULL, $decided_at, $token, $consent_at, $expires_at, $created_at,
                    $submitted_at, $completed_at, NULL, $version, $dob, $email, $first, $last, $nationality)
                """;
            string[] names = ["$id", "$account", "$live", "$status", "$decision", "$risk_score", "$risk_level", "$reference_id",
                "$steps", "$settings", "$results", "$decided_by", "$decided_at", "$token", "$consent_at", "$expires_at",
                "$created_at", "$submitted_at", "$completed_at", "$version", "$dob", "$email", "$first", "$last", "$nationality"];
            var p = names.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
            insert.Prepare();
            p["$account"].Value = accountText;
            p["$live"].Value = liveMode ? 1 : 0;
            foreach (var row in generator.Rows())
            {
                p["$id"].Value = row.Id;
                p["$status"].Value = row.Status;
                p["$decision"].Value = Db(row.Decision);
                p["$risk_score"].Value = Db(row.RiskScore);
                p["$risk_level"].Value = Db(row.RiskLevel);
                p["$reference_id"].Value = Db(row.ReferenceId);
                p["$steps"].Value = row.StepsText;
                p["$settings"].Value = row.Settings;
                p["$results"].Value = row.Results;
                p["$decided_by"].Value = row.DecidedAt is null ? DBNull.Value : "system";
                p["$decided_at"].Value = Db(row.DecidedAt);
                p["$token"].Value = row.SessionToken;
                p["$consent_at"].Value = Db(row.ConsentGivenAt);
                p["$expires_at"].Value = Text(row.ExpiresAt);
                p["$created_at"].Value = Text(row.CreatedAt);
                p["$submitted_at"].Value = Db(row.SubmittedAt);
                p["$completed_at"].Value = Db(row.DecidedAt);
                p["$version"].Value = row.Status == "created" ? 0 : 3;
                p["$dob"].Value = row.DateOfBirth is { } dob ? Text(dob) : DBNull.Value;
                p["$email"].Value = Db(row.Email);
                p["$first"].Value = Db(row.FirstName);
                p["$last"].Value = Db(row.LastName);
                p["$nationality"].Value = Db(row.Nationality);
                await insert.ExecuteNonQueryAsync();
                counts.Add(row);
            }

            var counter = connection.CreateCommand();
            counter.Transaction = transaction;
            counter.CommandText = """
                INSERT INTO session_daily_counts (account_id, live_mode, status, day, sessions) VALUES ($a, $l, $s, $d, $n)
                ON CONFLICT (account_id, live_mode, status, day, shard) DO UPDATE SET sessions = sessions + excluded.sessions;
                """;
            foreach (var ((status, day), n) in counts.Daily)
                await Counter(counter, accountText, liveMode, status, Text(day), n);
            counter.CommandText = """
                INSERT INTO session_totals (account_id, live_mode, status, sessions) VALUES ($a, $l, $s, $n)
                ON CONFLICT (account_id, live_mode, status, shard) DO UPDATE SET sessions = sessions + excluded.sessions;
                """;
            foreach (var (status, n) in counts.Totals())
                await Counter(counter, accountText, liveMode, status, null, n);
            await transaction.CommitAsync();
        }
        // Leave a small WAL behind so the server starts from the same state a long-running one would have.
        await Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return counts;
    }

    private static async Task<(string Account, bool LiveMode)> AccountAsync(SqliteConnection connection, string prefix)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id, live_mode FROM api_keys WHERE prefix = $p AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$p", prefix);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            throw new InvalidOperationException($"No API key with prefix {prefix}: create one with `keys create` first.");
        return (reader.GetString(0), reader.GetInt64(1) != 0);
    }

    private static async Task Counter(SqliteCommand command, string account, bool liveMode, string status, string? day, long n)
    {
        command.Parameters.Clear();
        command.Parameters.AddWithValue("$a", account);
        command.Parameters.AddWithValue("$l", liveMode ? 1 : 0);
        command.Parameters.AddWithValue("$s", status);
        if (day is not null)
            command.Parameters.AddWithValue("$d", day);
        command.Parameters.AddWithValue("$n", n);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task Execute(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

internal static class PostgresSeeder
{
    public static async Task<Counts> SeedAsync(Options options, SessionGenerator generator)
    {
        await using var connection = new NpgsqlConnection(options.Connection);
        await connection.OpenAsync();
        Guid account;
        bool liveMode;
        await using (var find = new NpgsqlCommand(
            "SELECT account_id, live_mode FROM api_keys WHERE prefix = @p AND revoked_at IS NULL", connection))
        {
            find.Parameters.AddWithValue("p", options.KeyPrefix);
            await using var reader = await find.ExecuteReaderAsync();
            if (!await reader.ReadAsync())
                throw new InvalidOperationException($"No API key with prefix {options.KeyPrefix}: create one with `keys create` first.");
            (account, liveMode) = (reader.GetGuid(0), reader.GetBoolean(1));
        }

        var counts = new Counts();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY sessions (id, account_id, live_mode, status, decision, review_reasons, risk_score, risk_level,
                reference_id, steps, settings, metadata, monitoring_enabled, results, decided_by, decided_at,
                session_token, consent_given_at, expires_at, created_at, submitted_at, completed_at, version,
                applicant_date_of_birth, applicant_email, applicant_first_name, applicant_last_name, applicant_nationality)
            FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var row in generator.Rows())
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(row.Id, NpgsqlDbType.Varchar);
                await copy.WriteAsync(account, NpgsqlDbType.Uuid);
                await copy.WriteAsync(liveMode, NpgsqlDbType.Boolean);
                await copy.WriteAsync(row.Status, NpgsqlDbType.Varchar);
                await Nullable(copy, row.Decision, NpgsqlDbType.Varchar);
                await copy.WriteAsync("[]", NpgsqlDbType.Text);
                await Nullable(copy, row.RiskScore, NpgsqlDbType.Integer);
                await Nullable(copy, row.RiskLevel, NpgsqlDbType.Varchar);
                await Nullable(copy, row.ReferenceId, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.StepsText, NpgsqlDbType.Varchar);
                await copy.WriteAsync(row.Settings, NpgsqlDbType.Text);
                await copy.WriteAsync("{}", NpgsqlDbType.Text);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(row.Results, NpgsqlDbType.Text);
                await Nullable(copy, row.DecidedAt is null ? null : "system", NpgsqlDbType.Varchar);
                await Nullable(copy, row.DecidedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.SessionToken, NpgsqlDbType.Varchar);
                await Nullable(copy, row.ConsentGivenAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.ExpiresAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.CreatedAt, NpgsqlDbType.TimestampTz);
                await Nullable(copy, row.SubmittedAt, NpgsqlDbType.TimestampTz);
                await Nullable(copy, row.DecidedAt, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(row.Status == "created" ? 0 : 3, NpgsqlDbType.Integer);
                await Nullable(copy, row.DateOfBirth, NpgsqlDbType.Date);
                await Nullable(copy, row.Email, NpgsqlDbType.Varchar);
                await Nullable(copy, row.FirstName, NpgsqlDbType.Varchar);
                await Nullable(copy, row.LastName, NpgsqlDbType.Varchar);
                await Nullable(copy, row.Nationality, NpgsqlDbType.Varchar);
                counts.Add(row);
            }
            await copy.CompleteAsync();
        }

        foreach (var ((status, day), n) in counts.Daily)
        {
            await using var daily = new NpgsqlCommand("""
                INSERT INTO session_daily_counts (account_id, live_mode, status, day, sessions) VALUES (@a, @l, @s, @d, @n)
                ON CONFLICT (account_id, live_mode, status, day, shard) DO UPDATE SET sessions = session_daily_counts.sessions + excluded.sessions
                """, connection, transaction);
            daily.Parameters.AddWithValue("a", account);
            daily.Parameters.AddWithValue("l", liveMode);
            daily.Parameters.AddWithValue("s", status);
            daily.Parameters.AddWithValue("d", day);
            daily.Parameters.AddWithValue("n", n);
            await daily.ExecuteNonQueryAsync();
        }
        foreach (var (status, n) in counts.Totals())
        {
            await using var total = new NpgsqlCommand("""
                INSERT INTO session_totals (account_id, live_mode, status, sessions) VALUES (@a, @l, @s, @n)
                ON CONFLICT (account_id, live_mode, status, shard) DO UPDATE SET sessions = session_totals.sessions + excluded.sessions
                """, connection, transaction);
            total.Parameters.AddWithValue("a", account);
            total.Parameters.AddWithValue("l", liveMode);
            total.Parameters.AddWithValue("s", status);
            total.Parameters.AddWithValue("n", n);
            await total.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();

        // What autovacuum would do shortly after a bulk load: statistics for the planner, and a visibility map
        // so the covering indexes can be read index-only.
        await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) sessions, session_daily_counts, session_totals", connection))
            await vacuum.ExecuteNonQueryAsync();
        return counts;
    }

    private static Task Nullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, type);
}
