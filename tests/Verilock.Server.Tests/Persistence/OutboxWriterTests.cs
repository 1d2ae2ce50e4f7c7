using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Common;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Persistence;

/// <summary>
/// A stand-in for a product that does not exist yet (a transfer of transaction monitoring): an aggregate whose only
/// tie to the outbox is <see cref="IRaisesEvents"/>.
/// </summary>
public sealed class Transfer : IRaisesEvents
{
    private readonly List<TransferEvent> _events = [];

    private Transfer()
    {
        Id = "";
        Status = "";
    }

    public string Id { get; private set; }
    public Guid AccountId { get; private set; }
    public bool LiveMode { get; private set; }
    public string? SessionId { get; private set; }
    public long AmountCents { get; private set; }
    public string Status { get; private set; }

    public static Transfer Create(string id, Guid accountId, bool liveMode, string? sessionId, long amountCents, DateTime now)
    {
        var transfer = new Transfer { Id = id, AccountId = accountId, LiveMode = liveMode, SessionId = sessionId, AmountCents = amountCents, Status = "received" };
        transfer.Raise("transfer.received", now, new Dictionary<string, object?> { ["amount_cents"] = amountCents });
        return transfer;
    }

    public void Flag(string reason, DateTime now)
    {
        Status = "flagged";
        Raise("transfer.flagged", now, new Dictionary<string, object?> { ["reason"] = reason });
    }

    private void Raise(string type, DateTime now, Dictionary<string, object?> data)
    {
        data["transfer_id"] = Id;
        data["status"] = Status;
        _events.Add(new TransferEvent(type, now, data));
    }

    public IReadOnlyList<TransferEvent> Pending => _events;

    IReadOnlyList<DomainEvent> IRaisesEvents.PendingEvents => _events;

    EventAudience IRaisesEvents.EventAudience => new(AccountId, LiveMode, SessionId);

    public void ClearPendingEvents() => _events.Clear();
}

public sealed record TransferEvent(string Type, DateTime OccurredAt, IReadOnlyDictionary<string, object?> Data)
    : DomainEvent(Type, OccurredAt, Data);

/// <summary>The product's database: Verilock's model plus one table, configured as the server configures its own.</summary>
public sealed class ProductDbContext(DbContextOptions<ProductDbContext> options) : VerilockDbContext(options)
{
    public DbSet<Transfer> Transfers => Set<Transfer>();

    public override bool IsSqlite => Database.IsSqlite();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Transfer>(transfer =>
        {
            transfer.ToTable("test_transfers");
            transfer.HasKey(t => t.Id);
            transfer.Ignore(t => t.Pending);
        });
    }
}

/// <summary>
/// Events of an aggregate type the save path has never heard of reach <c>outbox_events</c> through the real save
/// interceptors on a real database: payload, routing, order with other aggregates, clearing, failed saves and retries.
/// </summary>
public abstract class OutboxWriterTests(TestDatabase database) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 3, 15, 10, 30, 0, DateTimeKind.Utc);
    private readonly Guid _account = Guid.NewGuid();

    public async ValueTask InitializeAsync()
    {
        if (database.Unavailable is not null)
            return;
        if (database is PostgresTestDatabase postgres)
            await postgres.CreateAsync();
        await using var db = NewContext();
        await db.Database.EnsureCreatedAsync();
    }

    public ValueTask DisposeAsync() => database.DisposeAsync();

    private string ConnectionString => database.ConnectionString ?? $"Data Source={Path.Combine(database.DataDirectory, "product.db")}";

    private ProductDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<ProductDbContext>();
        if (database.Provider == "postgres")
            DatabaseRegistration.ConfigurePostgres(options, ConnectionString);
        else
            DatabaseRegistration.ConfigureSqlite(options, ConnectionString);
        return new ProductDbContext(options.Options);
    }

    private void SkipIfUnavailable()
    {
        if (database.Unavailable is { } reason)
            Assert.Skip(reason);
    }

    private async Task<List<OutboxEvent>> OutboxAsync()
    {
        await using var db = NewContext();
        return await db.OutboxEvents.AsNoTracking().Where(e => e.AccountId == _account).OrderBy(e => e.Sequence).ToListAsync();
    }

    [Fact]
    public async Task A_new_aggregate_types_events_reach_the_outbox_with_their_payload_and_routing()
    {
        SkipIfUnavailable();
        await using var db = NewContext();
        var transfer = Transfer.Create("trf_1", _account, liveMode: true, "ses_owner", 1250, Now);
        db.Transfers.Add(transfer);
        await db.SaveChangesAsync();

        var created = Assert.Single(await OutboxAsync());
        Assert.Equal("transfer.received", created.Type);
        Assert.Equal("""{"amount_cents":1250,"transfer_id":"trf_1","status":"received"}""", created.Payload);
        Assert.True(created.LiveMode);
        Assert.Equal("ses_owner", created.SessionId);
        Assert.Equal(Now, created.OccurredAt);
        Assert.StartsWith("evt_", created.EventId);
        Assert.Null(created.DispatchedAt);
        Assert.Empty(transfer.Pending);

        transfer.Flag("velocity", Now.AddMinutes(1));
        await db.SaveChangesAsync();
        await db.SaveChangesAsync();

        var outbox = await OutboxAsync();
        Assert.Equal(["transfer.received", "transfer.flagged"], outbox.Select(e => e.Type));
        Assert.Equal("""{"reason":"velocity","transfer_id":"trf_1","status":"flagged"}""", outbox[1].Payload);
        Assert.Equal(Now.AddMinutes(1), outbox[1].OccurredAt);
    }

    [Fact]
    public async Task Aggregates_saved_together_write_their_events_in_the_order_raised_beside_the_session_counters()
    {
        SkipIfUnavailable();
        await using var db = NewContext();
        var transfer = Transfer.Create("trf_2", _account, liveMode: false, null, 99, Now);
        var session = Session.Create(new Session.CreateArgs(_account, false, ProfileSettings.Defaults([VerificationStep.Document]), null,
            Applicant.Empty, "ref-1", new Dictionary<string, object?>(), null, null, false, TimeSpan.FromHours(1)), Now);
        transfer.Flag("amount", Now);
        db.Sessions.Add(session);
        db.Transfers.Add(transfer);
        await db.SaveChangesAsync();

        var outbox = await OutboxAsync();
        Assert.Equal(["transfer.received", "session.created", "transfer.flagged"], outbox.Select(e => e.Type));
        Assert.Equal([null, session.Id, null], outbox.Select(e => e.SessionId));
        Assert.Empty(session.PendingEvents);
        Assert.Equal(1, await db.SessionTotals.Where(t => t.AccountId == _account && t.Status == "created").SumAsync(t => t.Sessions));
    }

    [Fact]
    public async Task A_failed_save_writes_no_event_and_keeps_them_pending_so_a_retry_in_the_same_context_writes_each_once()
    {
        SkipIfUnavailable();
        await using (var first = NewContext())
        {
            first.Transfers.Add(Transfer.Create("trf_3", _account, false, null, 1, Now));
            await first.SaveChangesAsync();
        }

        await using var db = NewContext();
        var duplicate = Transfer.Create("trf_3", _account, false, null, 2, Now);
        var good = Transfer.Create("trf_4", _account, false, null, 3, Now);
        db.Transfers.AddRange(duplicate, good);
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.Equal(["transfer.received"], (await OutboxAsync()).Select(e => e.Type));
        Assert.Single(good.Pending);

        db.Entry(duplicate).State = EntityState.Detached;
        await db.SaveChangesAsync();

        var outbox = await OutboxAsync();
        Assert.Equal(2, outbox.Count);
        Assert.Contains("\"transfer_id\":\"trf_4\"", outbox[1].Payload);
        Assert.Single(duplicate.Pending);
        Assert.Empty(good.Pending);
    }

    [Fact]
    public async Task A_batch_saved_again_one_by_one_in_fresh_contexts_writes_each_event_once()
    {
        SkipIfUnavailable();
        await using (var first = NewContext())
        {
            first.Transfers.Add(Transfer.Create("trf_5", _account, false, null, 1, Now));
            await first.SaveChangesAsync();
        }
        // The group commit of creates: the batch fails on one row, then each is saved alone.
        List<Transfer> batch = [Transfer.Create("trf_6", _account, false, null, 2, Now), Transfer.Create("trf_5", _account, false, null, 3, Now)];
        await using (var together = NewContext())
        {
            together.Transfers.AddRange(batch);
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => together.SaveChangesAsync());
        }
        var failed = 0;
        foreach (var transfer in batch)
        {
            await using var alone = NewContext();
            alone.Transfers.Add(transfer);
            try
            {
                await alone.SaveChangesAsync();
            }
            catch (DbUpdateException)
            {
                failed++;
            }
        }

        Assert.Equal(1, failed);
        var outbox = await OutboxAsync();
        Assert.Equal(2, outbox.Count);
        Assert.Contains("\"transfer_id\":\"trf_5\"", outbox[0].Payload);
        Assert.Contains("\"transfer_id\":\"trf_6\"", outbox[1].Payload);
    }

    [Fact]
    public async Task The_outbox_signal_rings_when_the_transaction_holding_the_events_commits()
    {
        SkipIfUnavailable();
        await using var db = NewContext();
        var signal = CommitSignal.For(CommitSignal.Outbox, db.Database.GetConnectionString());
        await RangAsync(signal); // whatever earlier tests left

        await db.WriteTransactionAsync(async ct =>
        {
            db.Transfers.Add(Transfer.Create("trf_7", _account, false, null, 1, Now));
            await db.SaveChangesAsync(ct);
            Assert.False(await RangAsync(signal));
            return 0;
        }, CancellationToken.None);
        Assert.True(await RangAsync(signal));

        db.Transfers.Add(Transfer.Create("trf_8", _account, false, null, 1, Now));
        await db.SaveChangesAsync();
        Assert.True(await RangAsync(signal));
    }

    /// <summary>A ring waiting is consumed at once; none means the wait times out.</summary>
    private static async Task<bool> RangAsync(CommitSignal signal)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        try
        {
            await signal.WaitAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}

public sealed class OutboxWriterTestsOnSqlite() : OutboxWriterTests(new SqliteTestDatabase());

public sealed class OutboxWriterTestsOnPostgres() : OutboxWriterTests(new PostgresTestDatabase());
