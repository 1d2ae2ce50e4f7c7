using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Verilock.Infrastructure.Persistence;

// Used only by `dotnet ef migrations add`; the connection strings are never opened.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteVerilockDbContext>
{
    public SqliteVerilockDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<SqliteVerilockDbContext>)DatabaseRegistration
            .ConfigureSqlite(new DbContextOptionsBuilder<SqliteVerilockDbContext>(), "Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresVerilockDbContext>
{
    public PostgresVerilockDbContext CreateDbContext(string[] args) =>
        new((DbContextOptions<PostgresVerilockDbContext>)DatabaseRegistration
            .ConfigurePostgres(new DbContextOptionsBuilder<PostgresVerilockDbContext>(), "Host=localhost;Database=design").Options);
}
