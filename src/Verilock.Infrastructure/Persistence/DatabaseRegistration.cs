using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Infrastructure.Persistence.Reads;
using Verilock.Infrastructure.Persistence.Saving;

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

    /// <summary>
    /// What every save does besides its own rows, in this order: version bumps, counters, the outbox (from every
    /// <see cref="Domain.Common.IRaisesEvents"/>), then the commit signals, which look at what the save writes. Shared by
    /// every context: each keeps a save's bookkeeping per context.
    /// </summary>
    private static readonly IInterceptor[] SaveInterceptors =
        [new VersionBumps(), new SessionCounterUpdates(), new OutboxWriter(), new CommitSignals()];

    public static DbContextOptionsBuilder ConfigureSqlite(DbContextOptionsBuilder db, string connectionString) =>
        db.UseSqlite(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(new SqlitePragmas())
            .AddInterceptors(SaveInterceptors);

    public static DbContextOptionsBuilder ConfigurePostgres(DbContextOptionsBuilder db, string connectionString) =>
        db.UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(SaveInterceptors);
}
