using System.Net;
using Microsoft.EntityFrameworkCore;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Sessions;

/// <summary>
/// A burst of concurrent writers: every request gets a clear answer and nothing is half-written. SQLite queues
/// writers in-process and accepts all; on PostgreSQL requests that cannot get a pooled connection within its
/// timeout get 503 + Retry-After (never 500), and exactly the accepted ones exist, with their events and counts.
/// </summary>
public abstract class ConcurrencyTests(ApiFixture api) : ApiTests(api)
{
    private const int Creates = 10_000;

    [Fact]
    public async Task Ten_thousand_concurrent_creates_all_succeed_and_totals_stay_exact()
    {
        var caller = await Api.NewCallerAsync();
        var statuses = await Task.WhenAll(Enumerable.Range(0, Creates).Select(async i =>
        {
            var response = await caller.Client.PostJsonAsync(Sessions, $$"""{"steps":["document","selfie"],"reference_id":"burst-{{i}}"}""");
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                await response.ExpectErrorAsync(HttpStatusCode.ServiceUnavailable, "server_error");
                Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
            }
            return response.StatusCode;
        }));

        if (Api.ProviderName == "sqlite")
            Assert.All(statuses, status => Assert.Equal(HttpStatusCode.Created, status));
        else
            Assert.All(statuses, status => Assert.Contains(status, new[] { HttpStatusCode.Created, HttpStatusCode.ServiceUnavailable }));
        var accepted = statuses.Count(s => s == HttpStatusCode.Created);
        Assert.True(accepted > 0, "No create was accepted.");

        var body = await (await caller.Client.GetAsync($"{Sessions}?per_page=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(accepted, (int)body["meta"]!["total"]!);

        var (rows, events, counted) = await Api.WithDbAsync(async db => (
            await db.Sessions.CountAsync(s => s.AccountId == caller.AccountId),
            await db.OutboxEvents.CountAsync(e => e.AccountId == caller.AccountId && e.Type == "session.created"),
            await db.SessionDailyCounts.Where(c => c.AccountId == caller.AccountId).SumAsync(c => c.Sessions)));
        Assert.Equal(accepted, rows);
        Assert.Equal(accepted, events);
        Assert.Equal(accepted, counted);
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
