using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Security;

namespace Verilock.Infrastructure.Persistence;

public static class DatabaseMigrator
{
    /// <summary>Brings the schema up to date (EF Core migrations; safe to run from several instances at once).</summary>
    public static async Task MigrateAsync(VerilockDbContext db, CancellationToken cancellationToken)
    {
        if (db.IsSqlite)
        {
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder))
                OwnerOnlyFolder.Create(folder);
        }
        await db.Database.MigrateAsync(cancellationToken);
        if (db.IsSqlite)
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }
}
