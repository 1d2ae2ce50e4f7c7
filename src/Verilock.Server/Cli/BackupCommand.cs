using System.CommandLine;
using Microsoft.Extensions.Options;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Hosting;

namespace Verilock.Server.Cli;

/// <summary>
/// <c>backup --to FILE</c>: a consistent copy of the SQLite database, taken while servers keep running
/// (<see cref="SqliteBackup"/>). PostgreSQL has its own tool for that, and this says so rather than half-doing it.
/// </summary>
public static class BackupCommand
{
    public static Command Create(Option<string?> dataDir)
    {
        var to = new Option<FileInfo>("--to") { Description = "The new file to write (never overwritten)", Required = true };
        var command = new Command("backup", "Copy the SQLite database to a new file while the server runs") { Options = { to } };
        command.SetAction((parsed, cancellationToken) => CommandLine.WithServicesAsync(parsed.GetValue(dataDir), async services =>
        {
            var database = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            if (database.IsPostgres)
            {
                await Console.Error.WriteLineAsync(
                    "The database is PostgreSQL: back it up with pg_dump (e.g. pg_dump --format=custom --file=verilock.dump DATABASE); " +
                    "verilock backup copies SQLite databases only.");
                return 2;
            }
            var folder = services.GetRequiredService<IOptions<VerilockOptions>>().Value.DataDir;
            var target = parsed.GetValue(to)!.FullName;
            try
            {
                var copied = await SqliteBackup.CopyAsync(database.SqliteConnectionString(folder), target, cancellationToken);
                Console.WriteLine($"Copied {copied.Source} to {target} ({copied.Bytes} bytes, quick_check ok).");
                Console.WriteLine($"Not in the copy: the master key files in {folder} (media.key, webhook-secrets.key, dashboard-keyring.key " +
                                  "and their .N rotations) and media files on disk; keep them with it, or what it holds encrypted cannot be read.");
                return 0;
            }
            catch (SqliteBackup.TargetExistsException)
            {
                await Console.Error.WriteLineAsync($"{target} already exists; verilock backup never overwrites a file.");
                return 2;
            }
            catch (SqliteBackup.NoDatabaseException missing)
            {
                await Console.Error.WriteLineAsync(missing.Message);
                return 1;
            }
        }, prepareDatabase: false));
        return command;
    }
}
