using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Verilock.Domain.Accounts;
using Verilock.Domain.Aml;
using Verilock.Domain.Faces;
using Verilock.Domain.Operators;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Persistence.Saving;

namespace Verilock.Infrastructure.Persistence;

/// <summary>
/// The database. Saving is where the durable side effects of a state change are added, in the same
/// transaction: outbox rows for the aggregates' events and the session counters behind list totals (the save
/// interceptors in <c>Saving/</c>).
/// Each provider has its own subclass only so that each keeps its own migrations.
/// It also holds ASP.NET Core's data-protection key ring (dashboard cookies, antiforgery), so every instance
/// sharing the database reads the same keys.
/// </summary>
public abstract class VerilockDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
    public DbSet<VerificationProfile> Profiles => Set<VerificationProfile>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Verilock.Domain.Rules.Rule> Rules => Set<Verilock.Domain.Rules.Rule>();
    public DbSet<OutboxEvent> OutboxEvents => Set<OutboxEvent>();
    public DbSet<SessionDailyCount> SessionDailyCounts => Set<SessionDailyCount>();
    public DbSet<SessionTotal> SessionTotals => Set<SessionTotal>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<WebhookEndpoint> WebhookEndpoints => Set<WebhookEndpoint>();
    public DbSet<WebhookDefaultSecret> WebhookDefaultSecrets => Set<WebhookDefaultSecret>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();
    public DbSet<AmlScreening> AmlScreenings => Set<AmlScreening>();
    public DbSet<AmlMonitoringClaim> AmlMonitoringClaims => Set<AmlMonitoringClaim>();
    public DbSet<AmlMonitoringState> AmlMonitoringStates => Set<AmlMonitoringState>();
    public DbSet<AmlMonitoringBasis> AmlMonitoringBases => Set<AmlMonitoringBasis>();
    public DbSet<CheckJob> CheckJobs => Set<CheckJob>();
    public DbSet<MediaBlob> MediaBlobs => Set<MediaBlob>();
    public DbSet<MediaDataKey> MediaDataKeys => Set<MediaDataKey>();
    public DbSet<FaceTemplate> FaceTemplates => Set<FaceTemplate>();
    public DbSet<BiometricCheck> BiometricChecks => Set<BiometricCheck>();
    public DbSet<FaceSearch> FaceSearches => Set<FaceSearch>();
    public DbSet<Verilock.Domain.Transactions.Transaction> Transactions => Set<Verilock.Domain.Transactions.Transaction>();
    public DbSet<Verilock.Domain.Transactions.AccountTransactionSettings> TransactionSettings => Set<Verilock.Domain.Transactions.AccountTransactionSettings>();
    public DbSet<Operator> Operators => Set<Operator>();
    public DbSet<AuditLogEntry> AuditLog => Set<AuditLogEntry>();
    public DbSet<DataProtectionKeyRecord> DataProtectionKeys => Set<DataProtectionKeyRecord>();

    public abstract bool IsSqlite { get; }

    /// <summary>Options built elsewhere than <see cref="DatabaseRegistration"/> would save without the outbox and counters.</summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        var interceptors = optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.Interceptors ?? [];
        if (!interceptors.OfType<OutboxWriter>().Any())
            throw new InvalidOperationException("Configure the context with DatabaseRegistration.ConfigureSqlite or ConfigurePostgres: saving needs its interceptors.");
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(VerilockDbContext).Assembly);

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Use SaveChangesAsync: saving also writes counters and the outbox.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // The save interceptors (Saving/, registered by DatabaseRegistration) add what joins the change: version
        // bumps, the counters and the outbox rows, and ring the commit signals. Here a save gets its transaction
        // and, on SQLite, its turn.
        using var writeLock = await SqliteWriteGate.EnterAsync(this, cancellationToken);
        var ownTransaction = Database.CurrentTransaction is null
            ? await Database.BeginTransactionAsync(cancellationToken)
            : null;
        try
        {
            // In a transaction of its own, EF's automatic savepoint is two statements for nothing: a failure rolls
            // the whole transaction back anyway. Inside a caller's transaction it keeps a failed save undoable.
            Database.AutoSavepointsEnabled = ownTransaction is null;
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            if (ownTransaction is not null)
                await ownTransaction.CommitAsync(cancellationToken);
            return written;
        }
        finally
        {
            Database.AutoSavepointsEnabled = true;
            if (ownTransaction is not null)
                await ownTransaction.DisposeAsync();
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one transaction (SaveChanges inside it joins), queued behind this
    /// process's other SQLite writers; the commit signals ring after the commit for the work it queued.
    /// </summary>
    public Task<T> WriteTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken) =>
        SqliteWriteGate.RunAsync(this, async () =>
        {
            await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
            var result = await work(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return result;
        }, cancellationToken);
}

public sealed class SqliteVerilockDbContext(DbContextOptions<SqliteVerilockDbContext> options) : VerilockDbContext(options)
{
    public override bool IsSqlite => true;
}

public sealed class PostgresVerilockDbContext(DbContextOptions<PostgresVerilockDbContext> options) : VerilockDbContext(options)
{
    public override bool IsSqlite => false;
}
