using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Verilock.Infrastructure.Persistence.Reads;
using Verilock.Infrastructure.Persistence.Saving;

namespace Verilock.Infrastructure.Persistence;

public static class DatabaseRegistration
{
    /// <summary>
    /// Registers both providers' contexts, pooled, and exposes the one <see cref="DatabaseOptions"/> names as
    /// <see cref="VerilockDbContext"/>: the choice is made on first use, once the options are bound and validated,
    /// and the other pool is never created.
    /// </summary>
    public static IServiceCollection AddVerilockDatabase(this IServiceCollection services, string dataDirectory)
    {
        static DatabaseOptions Options(IServiceProvider sp) => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;

        services.AddDbContextPool<PostgresVerilockDbContext>((sp, db) => ConfigurePostgres(db, Options(sp).ConnectionString!));
        services.AddDbContextPool<SqliteVerilockDbContext>((sp, db) => ConfigureSqlite(db, Options(sp).SqliteConnectionString(dataDirectory)));
        services.AddScoped<VerilockDbContext>(sp => Options(sp).IsPostgres
            ? sp.GetRequiredService<PostgresVerilockDbContext>()
            : sp.GetRequiredService<SqliteVerilockDbContext>());
        services.AddSingleton<SessionListReader>(sp => Options(sp) is { IsPostgres: true } postgres
            ? new PostgresSessionListReader(postgres.ConnectionString!)
            : new SqliteSessionListReader(Options(sp).SqliteConnectionString(dataDirectory)));
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
