using System.CommandLine;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Cli;

/// <summary>
/// <c>migrate</c>: applies pending migrations and exits, for a deploy step that migrates once before the instances
/// start (with <c>Verilock:Database:MigrateAtStartup</c> off, they then refuse a schema this has not brought up to date).
/// </summary>
public static class MigrateCommand
{
    public static Command Create(Option<string?> dataDir)
    {
        var command = new Command("migrate", "Apply the database's pending migrations and exit; each applied one is a line of output");
        command.SetAction((parsed, cancellationToken) => CommandLine.WithServicesAsync(parsed.GetValue(dataDir), async services =>
        {
            var applied = await DatabaseMigrator.MigrateAsync(services.GetRequiredService<VerilockDbContext>(), cancellationToken);
            foreach (var migration in applied)
                Console.WriteLine($"Applied {migration}");
            Console.WriteLine(applied.Count == 0
                ? "The database is up to date; no migration was pending."
                : $"The database is up to date; applied {applied.Count} migration{(applied.Count == 1 ? "" : "s")}.");
            return 0;
        }, prepareDatabase: false));
        return command;
    }
}
