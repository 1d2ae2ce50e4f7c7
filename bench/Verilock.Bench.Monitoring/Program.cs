// Tooling for bench/aml-monitoring.sh (issue 13, item 5):
//
//   Verilock.Bench.Monitoring seed  --provider sqlite|postgres --connection "<connection string>" --key <live api key> [--count 1000000]
//       Inserts COUNT monitored, clear, standalone live screenings into the key's account, written the way the server
//       writes them (same columns, text formats and JSON), as if screened over the last year against an older list.
//   Verilock.Bench.Monitoring lists --from <sanctions folder> --out <folder> [--listed 100] [--count 1000000] [--version N]
//       Writes a new version of the lists: OFAC SDN copied, the UN list with LISTED invented people added whose
//       names and birth years are those of seeded customers (so the run finds new matches and writes their outbox rows).
//       VERSION changes the added people, so each version is new to the server.
//   Verilock.Bench.Monitoring check --provider sqlite|postgres --connection "<connection string>"
//       Prints the monitoring claims, the items marked re-screened per key, the runs per key (written only where an
//       item's matches changed), and the parents with more than one run of a key.
//
// The customers are drawn deterministically (same COUNT, same people) from the first and last names of
// ../shared/data/aml-eval's synthetic negatives, with random birth dates and nationalities.
using System.Diagnostics;
using System.Globalization;
using System.Security;
using System.Text;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var command = args.Length > 0 ? args[0] : "";
var options = Options.Parse(args.Skip(1).ToArray());
switch (command)
{
    case "seed":
    {
        var watch = Stopwatch.StartNew();
        var customers = Customers.Generate(options.Count, DateTime.UtcNow);
        var inserted = options.Provider switch
        {
            "sqlite" => await SqliteSeeder.SeedAsync(options, customers),
            "postgres" => await PostgresSeeder.SeedAsync(options, customers),
            _ => throw new ArgumentException($"Unknown provider '{options.Provider}' (sqlite or postgres)."),
        };
        Console.WriteLine($"seeded {inserted:N0} monitored screenings in {watch.Elapsed.TotalSeconds:F1} s");
        break;
    }
    case "lists":
        NewListVersion.Write(options);
        break;
    case "check":
        await Check.RunAsync(options);
        break;
    default:
        Console.Error.WriteLine("usage: Verilock.Bench.Monitoring seed|lists|check --option value ...");
        Environment.Exit(2);
        break;
}

internal sealed record Options(IReadOnlyDictionary<string, string> Values)
{
    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>();
        for (var i = 0; i + 1 < args.Length; i += 2)
            values[args[i].TrimStart('-')] = args[i + 1];
        return new Options(values);
    }

    public string Required(string name) => Values.TryGetValue(name, out var v) ? v : throw new ArgumentException($"--{name} is required.");

    public int Int(string name, int fallback) => Values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public string Provider => Required("provider");
    public string Connection => Required("connection");
    public int Count => Int("count", 1_000_000);

    /// <summary>api_keys.prefix holds the key's first 16 characters.</summary>
    public string KeyPrefix => Required("key")[..16];
}

/// <summary>One seeded screening's varying parts; the writers fill in the rest.</summary>
internal sealed record Customer(
    string Id, string ReferenceId, string? FullName, string? FirstName, string? LastName, string? DateOfBirth, string? Nationality,
    string Frequency, DateTime CreatedAt)
{
    public string Name => FullName ?? $"{FirstName} {LastName}";
}

internal static class Customers
{
    public const string Lists = """["un_sc","us_ofac_sdn"]""";
    private static readonly string[] Countries = ["FR", "DE", "GB", "US", "IT", "ES", "NL", "IN", "JP", "KR", "BR", "NG", "TR", "PK", "EG", "CN"];

    /// <summary>
    /// <paramref name="count"/> customers, oldest first, created over the year before <paramref name="now"/>: half with a
    /// full name, birth date and nationality, three in ten with first and last name and a birth date (person-only
    /// searches), two in ten with a bare full name (all schemas); one in five monitored weekly.
    /// </summary>
    public static IEnumerable<Customer> Generate(int count, DateTime now)
    {
        var (firsts, lasts) = Names();
        var random = new Random(20261203);
        var end = new DateTime(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc).AddHours(-2);
        var start = end.AddDays(-365);
        for (var i = 0; i < count; i++)
        {
            var first = firsts[random.Next(firsts.Length)];
            var last = lasts[random.Next(lasts.Length)];
            var dob = new DateOnly(1940, 1, 1).AddDays(random.Next(0, 23_000)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            var nationality = Countries[random.Next(Countries.Length)];
            var shape = random.NextDouble();
            var frequency = random.NextDouble() < 0.2 ? "weekly" : "daily";
            var createdAt = start.AddSeconds(Math.Floor((end - start).TotalSeconds * i / count));
            var id = "aml_" + new Guid(random.NextBytes16(), bigEndian: false).ToV4().ToString("D");
            var reference = "cust-" + i.ToString("D7", CultureInfo.InvariantCulture);
            yield return shape switch
            {
                < 0.5 => new Customer(id, reference, $"{first} {last}", null, null, dob, nationality, frequency, createdAt),
                < 0.8 => new Customer(id, reference, null, first, last, dob, null, frequency, createdAt),
                _ => new Customer(id, reference, $"{first} {last}", null, null, null, null, frequency, createdAt),
            };
        }
    }

    private static byte[] NextBytes16(this Random random)
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>Sets the version and variant bits, so ids look like the server's (UUID v4).</summary>
    private static Guid ToV4(this Guid guid)
    {
        var bytes = guid.ToByteArray();
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    private static (string[] Firsts, string[] Lasts) Names()
    {
        var data = SharedData();
        var firsts = new HashSet<string>(StringComparer.Ordinal);
        var lasts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in new[] { "negatives_global_1k.csv", "negatives_us_1k.csv" })
        {
            var lines = File.ReadAllLines(Path.Combine(data, "aml-eval", file));
            var header = lines[0].Split(',');
            int first = Array.IndexOf(header, "first_name"), last = Array.IndexOf(header, "last_name");
            foreach (var line in lines.Skip(1).Where(l => l.Length > 0 && !l.Contains('"')))
            {
                var fields = line.Split(',');
                if (fields.Length != header.Length || fields[first].Length == 0 || fields[last].Length == 0)
                    continue;
                firsts.Add(fields[first]);
                lasts.Add(fields[last]);
            }
        }
        return (firsts.Order(StringComparer.Ordinal).ToArray(), lasts.Order(StringComparer.Ordinal).ToArray());
    }

    /// <summary><c>../shared/data</c> beside the repository holding this tool.</summary>
    public static string SharedData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Verilock.sln")))
                return Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
        }
        throw new InvalidOperationException("Verilock.sln not found above the tool.");
    }
}

internal static class SqliteSeeder
{
    // EF Core's SQLite provider stores DateTime as this text (whole seconds here), Guid as upper-case text.
    private static string Text(DateTime value) => value.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    private static object Db(string? value) => value ?? (object)DBNull.Value;

    public static async Task<int> SeedAsync(Options options, IEnumerable<Customer> customers)
    {
        await using var connection = new SqliteConnection(options.Connection);
        await connection.OpenAsync();
        await Execute(connection, "PRAGMA cache_size=-1000000; PRAGMA synchronous=OFF;");
        var account = await AccountAsync(connection, options.KeyPrefix);
        var count = 0;
        await using (var transaction = (SqliteTransaction)await connection.BeginTransactionAsync())
        {
            var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = $"""
                INSERT INTO aml_screenings (id, account_id, live_mode, status, reference_id, session_id,
                    query_full_name, query_first_name, query_last_name, query_date_of_birth, query_nationality,
                    lists, threshold, highest_score, matches, decision, decision_reason, decided_by, decided_at,
                    monitoring_enabled, monitoring_frequency, is_monitoring_run, parent_screening_id, monitoring_key,
                    screened_at, created_at, version)
                VALUES ($id, $account, 1, 'clear', $reference, NULL, $full, $first, $last, $dob, $nationality,
                    '{Customers.Lists}', 0.8, 0, '[]', NULL, NULL, NULL, NULL, 1, $frequency, 0, NULL, NULL, $at, $at, 0)
                """;
            string[] names = ["$id", "$account", "$reference", "$full", "$first", "$last", "$dob", "$nationality", "$frequency", "$at"];
            var p = names.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
            insert.Prepare();
            p["$account"].Value = account;
            foreach (var c in customers)
            {
                p["$id"].Value = c.Id;
                p["$reference"].Value = c.ReferenceId;
                p["$full"].Value = Db(c.FullName);
                p["$first"].Value = Db(c.FirstName);
                p["$last"].Value = Db(c.LastName);
                p["$dob"].Value = Db(c.DateOfBirth);
                p["$nationality"].Value = Db(c.Nationality);
                p["$frequency"].Value = c.Frequency;
                p["$at"].Value = Text(c.CreatedAt);
                await insert.ExecuteNonQueryAsync();
                count++;
            }
            await transaction.CommitAsync();
        }
        await Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        return count;
    }

    private static async Task<string> AccountAsync(SqliteConnection connection, string prefix)
    {
        var command = connection.CreateCommand();
        command.CommandText = "SELECT account_id, live_mode FROM api_keys WHERE prefix = $p AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$p", prefix);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync() || reader.GetInt64(1) == 0)
            throw new InvalidOperationException($"No live API key with prefix {prefix}: create one with `keys create --mode live` first.");
        return reader.GetString(0);
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
    public static async Task<int> SeedAsync(Options options, IEnumerable<Customer> customers)
    {
        await using var connection = new NpgsqlConnection(options.Connection);
        await connection.OpenAsync();
        Guid account;
        await using (var find = new NpgsqlCommand(
            "SELECT account_id, live_mode FROM api_keys WHERE prefix = @p AND revoked_at IS NULL", connection))
        {
            find.Parameters.AddWithValue("p", options.KeyPrefix);
            await using var reader = await find.ExecuteReaderAsync();
            if (!await reader.ReadAsync() || !reader.GetBoolean(1))
                throw new InvalidOperationException($"No live API key with prefix {options.KeyPrefix}: create one with `keys create --mode live` first.");
            account = reader.GetGuid(0);
        }

        var count = 0;
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using (var copy = await connection.BeginBinaryImportAsync("""
                COPY aml_screenings (id, account_id, live_mode, status, reference_id, query_full_name, query_first_name,
                    query_last_name, query_date_of_birth, query_nationality, lists, threshold, highest_score, matches,
                    monitoring_enabled, monitoring_frequency, is_monitoring_run, screened_at, created_at, version)
                FROM STDIN (FORMAT BINARY)
                """))
            {
                foreach (var c in customers)
                {
                    await copy.StartRowAsync();
                    await copy.WriteAsync(c.Id, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(account, NpgsqlDbType.Uuid);
                    await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                    await copy.WriteAsync("clear", NpgsqlDbType.Varchar);
                    await copy.WriteAsync(c.ReferenceId, NpgsqlDbType.Varchar);
                    await Nullable(copy, c.FullName);
                    await Nullable(copy, c.FirstName);
                    await Nullable(copy, c.LastName);
                    await Nullable(copy, c.DateOfBirth);
                    await Nullable(copy, c.Nationality);
                    await copy.WriteAsync(Customers.Lists, NpgsqlDbType.Text);
                    await copy.WriteAsync(0.8, NpgsqlDbType.Double);
                    await copy.WriteAsync(0.0, NpgsqlDbType.Double);
                    await copy.WriteAsync("[]", NpgsqlDbType.Text);
                    await copy.WriteAsync(true, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(c.Frequency, NpgsqlDbType.Varchar);
                    await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                    await copy.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(c.CreatedAt, NpgsqlDbType.TimestampTz);
                    await copy.WriteAsync(0, NpgsqlDbType.Integer);
                    count++;
                }
                await copy.CompleteAsync();
            }
            await transaction.CommitAsync();
        }
        // What autovacuum would do shortly after a bulk load: planner statistics and the visibility map.
        await using (var vacuum = new NpgsqlCommand("VACUUM (ANALYZE) aml_screenings", connection))
            await vacuum.ExecuteNonQueryAsync();
        return count;
    }

    private static Task Nullable(NpgsqlBinaryImporter copy, string? value) =>
        value is null ? copy.WriteNullAsync() : copy.WriteAsync(value, NpgsqlDbType.Varchar);
}

internal static class NewListVersion
{
    /// <summary>
    /// Copies OFAC SDN and writes the UN list with <c>--listed</c> extra individuals, each named and born like one of
    /// the seeded customers (spread over the whole id range), so the monitoring run finds exactly those as new.
    /// </summary>
    public static void Write(Options options)
    {
        var from = options.Required("from");
        var output = options.Required("out");
        var listed = options.Int("listed", 100);
        var count = options.Count;
        var version = options.Int("version", 1);
        var ofac = Path.Combine(output, "us_ofac_sdn");
        Directory.CreateDirectory(ofac);
        foreach (var file in Directory.GetFiles(Path.Combine(from, "us_ofac_sdn")))
            File.Copy(file, Path.Combine(ofac, Path.GetFileName(file)), overwrite: true);

        // Every version picks other customers (the step moves), so each version adds new entities.
        var step = Math.Max(1, count / Math.Max(1, listed));
        var picked = new HashSet<int>(Enumerable.Range(0, listed).Select(k => (k * step + version * 7919) % count));
        var people = Customers.Generate(count, DateTime.UtcNow).Where((_, i) => picked.Contains(i)).ToList();
        var extra = new StringBuilder();
        var dataId = 9_900_000 + version * 10_000;
        foreach (var person in people)
        {
            var parts = person.Name.Split(' ', 2);
            extra.Append($"<INDIVIDUAL><DATAID>{dataId++}</DATAID><FIRST_NAME>{SecurityElement.Escape(parts[0])}</FIRST_NAME>")
                .Append($"<SECOND_NAME>{SecurityElement.Escape(parts.Length > 1 ? parts[1] : "")}</SECOND_NAME><UN_LIST_TYPE>Bench</UN_LIST_TYPE>");
            if (person.DateOfBirth is { } dob)
                extra.Append($"<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>{dob[..4]}</YEAR></INDIVIDUAL_DATE_OF_BIRTH>");
            extra.Append("</INDIVIDUAL>\n");
        }
        var xml = File.ReadAllText(Path.Combine(from, "un_sc", "consolidated.xml"));
        var at = xml.IndexOf("</INDIVIDUALS>", StringComparison.Ordinal);
        if (at < 0)
            throw new InvalidDataException("No </INDIVIDUALS> in the UN list.");
        var un = Path.Combine(output, "un_sc");
        Directory.CreateDirectory(un);
        File.WriteAllText(Path.Combine(un, "consolidated.xml"), xml[..at] + extra + xml[at..], new UTF8Encoding(false));
        Console.WriteLine($"wrote {output}: OFAC SDN copied, UN list + {people.Count} invented individuals (version {version})");
    }
}

internal static class Check
{
    public static async Task RunAsync(Options options)
    {
        await using var connection = options.Provider == "postgres"
            ? (System.Data.Common.DbConnection)new NpgsqlConnection(options.Connection)
            : new SqliteConnection(options.Connection);
        await connection.OpenAsync();
        await Print(connection, "claims (key, screened, new matches, claimed, heartbeat, completed)",
            "SELECT list_key, screened, new_matches, claimed_at, heartbeat_at, completed_at FROM aml_monitoring_claims ORDER BY claimed_at");
        await Print(connection, "items marked re-screened, by the key of the run that last did (every item once per run; a run row only where matches changed)",
            "SELECT last_run_key, count(*) FROM aml_monitoring_state GROUP BY last_run_key");
        await Print(connection, "runs per key (key, runs, runs with matches)",
            "SELECT monitoring_key, count(*), sum(CASE WHEN matches <> '[]' THEN 1 ELSE 0 END) FROM aml_screenings WHERE is_monitoring_run GROUP BY monitoring_key");
        await Print(connection, "parents re-screened more than once by one key",
            "SELECT count(*) FROM (SELECT parent_screening_id, monitoring_key FROM aml_screenings WHERE is_monitoring_run GROUP BY parent_screening_id, monitoring_key HAVING count(*) > 1) d");
        await Print(connection, "aml.monitoring.match outbox rows",
            "SELECT count(*) FROM outbox_events WHERE type = 'aml.monitoring.match'");
    }

    private static async Task Print(System.Data.Common.DbConnection connection, string title, string sql)
    {
        Console.WriteLine($"-- {title}");
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            Console.WriteLine("   " + string.Join(" | ", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture))));
    }
}
