using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Sessions;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Sessions;

/// <summary>
/// A burst of concurrent writers: admission control queues what the database cannot take at once, so on both
/// databases every create is served, and exactly those sessions exist, with their events and counts.
/// </summary>
public abstract class ConcurrencyTests(ApiFixture api) : ApiTests(api)
{
    private const int Creates = 10_000;

    [Fact]
    public async Task Ten_thousand_concurrent_creates_all_succeed_and_totals_stay_exact()
    {
        var caller = await Api.NewCallerAsync();
        var statuses = await Task.WhenAll(Enumerable.Range(0, Creates).Select(async i =>
            (await caller.Client.PostJsonAsync(Sessions, $$"""{"steps":["document","selfie"],"reference_id":"burst-{{i}}"}""")).StatusCode));

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
        var accepted = statuses.Length;

        var body = await (await caller.Client.GetAsync($"{Sessions}?per_page=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(accepted, (int)body["meta"]!["total"]!);

        var (rows, events, counted, countedAll) = await Api.WithDbAsync(async db => (
            await db.Sessions.CountAsync(s => s.AccountId == caller.AccountId),
            await db.OutboxEvents.CountAsync(e => e.AccountId == caller.AccountId && e.Type == "session.created"),
            await db.SessionDailyCounts.Where(c => c.AccountId == caller.AccountId && c.Status != SessionCounters.AllStatuses).SumAsync(c => c.Sessions),
            await db.SessionDailyCounts.Where(c => c.AccountId == caller.AccountId && c.Status == SessionCounters.AllStatuses).SumAsync(c => c.Sessions)));
        Assert.Equal(accepted, rows);
        Assert.Equal(accepted, events);
        Assert.Equal(accepted, counted);
        Assert.Equal(accepted, countedAll);
    }

    [Fact]
    public async Task A_session_that_cannot_be_saved_fails_alone_in_its_group_commit()
    {
        var caller = await Api.NewCallerAsync();
        var inserts = Api.Services.GetRequiredService<SessionInserts>();
        var now = Api.Clock.GetUtcNow().UtcDateTime;
        Session NewSession(int i) => Session.Create(new Session.CreateArgs(caller.AccountId, false,
            ProfileSettings.Defaults([VerificationStep.Document]), null, Applicant.Empty, $"group-{i}",
            new Dictionary<string, object?>(), null, null, false, TimeSpan.FromHours(1)), now);
        var saved = NewSession(0);
        await inserts.SaveAsync(saved);

        // Hold the database's write lock so the next writer waits with its batch while the rest queue behind
        // it; released, they are written as one group that holds a duplicate of an already saved session.
        Task duplicate;
        List<Task> fresh;
        await using (var hold = await HoldSessionWritesAsync())
        {
            var first = Task.Run(() => inserts.SaveAsync(NewSession(1)));
            await Task.Delay(200);
            fresh = [first, .. Enumerable.Range(2, 20).Select(i => Task.Run(() => inserts.SaveAsync(NewSession(i))))];
            duplicate = Task.Run(() => inserts.SaveAsync(saved));
            fresh.AddRange(Enumerable.Range(22, 20).Select(i => Task.Run(() => inserts.SaveAsync(NewSession(i)))));
            await Task.Delay(300);
        }

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => duplicate);
        await Task.WhenAll(fresh);
        var body = await (await caller.Client.GetAsync($"{Sessions}?per_page=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(42, (int)body["meta"]!["total"]!);
        Assert.Equal(42, body["data"]!.AsArray().Count);
        var (events, counted) = await Api.WithDbAsync(async db => (
            await db.OutboxEvents.CountAsync(e => e.AccountId == caller.AccountId && e.Type == "session.created"),
            await db.SessionTotals.Where(c => c.AccountId == caller.AccountId && c.Status == "created").SumAsync(c => c.Sessions)));
        Assert.Equal(42, events);
        Assert.Equal(42, counted);
    }

    /// <summary>Takes the write lock on the sessions table from another connection until disposed.</summary>
    private async Task<IAsyncDisposable> HoldSessionWritesAsync()
    {
        var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        var transaction = await db.Database.BeginTransactionAsync();
        await db.Database.ExecuteSqlRawAsync(db.IsSqlite
            ? "UPDATE sessions SET reference_id = reference_id WHERE 0"
            : "LOCK TABLE sessions IN SHARE MODE");
        return new Hold(scope, transaction);
    }

    private sealed class Hold(AsyncServiceScope scope, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await transaction.CommitAsync();
            await transaction.DisposeAsync();
            await scope.DisposeAsync();
        }
    }

    [Fact]
    public async Task Concurrent_identical_idempotent_posts_create_one_session()
    {
        var caller = await Api.NewCallerAsync();
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            caller.Client.PostJsonAsync(Sessions, """{"steps":["document"]}""", "same-key")));

        Assert.All(responses, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.Created, HttpStatusCode.Conflict }));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(1, await Api.WithDbAsync(db => db.Sessions.CountAsync(s => s.AccountId == caller.AccountId)));
    }
}

public sealed class ConcurrencyTestsOnSqlite(SqliteApiFixture api) : ConcurrencyTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ConcurrencyTestsOnPostgres(PostgresApiFixture api) : ConcurrencyTests(api), IClassFixture<PostgresApiFixture>;
