using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Infrastructure.Persistence.Reads;

namespace Verilock.Infrastructure.Persistence;

public static class DatabaseRegistration
{
    /// <summary>Registers the provider's context, pooled, and exposes it as <see cref="VerilockDbContext"/>.</summary>
    public static IServiceCollection AddVerilockDatabase(this IServiceCollection services, DatabaseOptions options, string dataDirectory)
    {
        if (options.IsPostgres)
        {
            services.AddDbContextPool<PostgresVerilockDbContext>(db => ConfigurePostgres(db, options.ConnectionString!));
            services.AddScoped<VerilockDbContext>(sp => sp.GetRequiredService<PostgresVerilockDbContext>());
            services.AddSingleton<SessionListReader>(_ => new PostgresSessionListReader(options.ConnectionString!));
        }
        else
        {
            var connectionString = options.SqliteConnectionString(dataDirectory);
            services.AddDbContextPool<SqliteVerilockDbContext>(db => ConfigureSqlite(db, connectionString));
            services.AddScoped<VerilockDbContext>(sp => sp.GetRequiredService<SqliteVerilockDbContext>());
            services.AddSingleton<SessionListReader>(_ => new SqliteSessionListReader(connectionString));
        }
        return services;
    }

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder db, string connectionString) =>
        db.UseSqlite(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new SqlitePragmas());

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder db, string connectionString) =>
        db.UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention();
}
