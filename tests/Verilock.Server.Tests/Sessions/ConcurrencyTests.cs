using System.Net;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence.Records;
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
