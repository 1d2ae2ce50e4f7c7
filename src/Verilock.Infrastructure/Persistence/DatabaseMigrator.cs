using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Security;

namespace Verilock.Infrastructure.Persistence;

public static class DatabaseMigrator
{
    /// <summary>
    /// Brings the schema up to date (EF Core migrations; safe to run from several instances at once) and returns the
    /// migrations it applied, oldest first.
    /// </summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(VerilockDbContext db, CancellationToken cancellationToken)
    {
        if (db.IsSqlite)
        {
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
                OwnerOnlyFolder.Create(folder);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.IsSqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        return pending;
    }

    /// <summary>
    /// What a server or command does before using the database: migrates when <paramref name="migrate"/>
    /// (<c>Verilock:Database:MigrateAtStartup</c>); otherwise a deploy step migrates, and a schema it has not brought
    /// up to date yet stops start-up rather than meeting tables that are not there.
    /// </summary>
    public static async Task PrepareAsync(VerilockDbContext db, bool migrate, CancellationToken cancellationToken)
    {
        if (migrate)
        {
            await MigrateAsync(db, cancellationToken);
            return;
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        if (pending.Count > 0)
            throw new StartupRefusedException(
                $"The database has {pending.Count} pending migration{(pending.Count == 1 ? "" : "s")} (up to {pending[^1]}) and " +
                "Verilock:Database:MigrateAtStartup is false: run `verilock migrate` with the same settings first, then start again.");
    }
}
