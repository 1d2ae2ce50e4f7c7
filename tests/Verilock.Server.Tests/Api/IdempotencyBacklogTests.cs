using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Api;
using Verilock.Server.Hosting;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Api;

/// <summary>
/// What <see cref="IdempotencyBacklog"/> does once the database is back, for a claim whose request could not
/// write its outcome (<c>Faults/PostgresOutageTests</c> makes those for real): the retry the 503 asked for is not a
/// 409, a response kept for later is stored, only the claim it was made for is touched, and a session redacted
/// meanwhile keeps nothing of its response.
/// </summary>
public abstract class IdempotencyBacklogTests(ApiFixture api) : ApiTests(api)
{
    private IdempotencyBacklog Backlog => Api.Services.GetRequiredService<IdempotencyBacklog>();

    private Task RunHousekeepingAsync() =>
        Api.Services.GetServices<IHostedService>().OfType<Housekeeping>().Single().RunOnceAsync(CancellationToken.None);

    /// <summary>A claim as the middleware leaves it when the database goes away before its outcome: no response.</summary>
    private async Task<IdempotencyBacklog.Claim> ClaimAsync(ApiFixture.Caller caller, string key, TimeSpan age = default)
    {
        var createdAt = Clock.ToMicroseconds(Api.Clock.GetUtcNow().UtcDateTime - age);
        await Api.WithDbAsync(db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                AccountId = caller.AccountId, LiveMode = false, Key = key, Fingerprint = "from-before-the-outage", CreatedAt = createdAt,
            });
            return db.SaveChangesAsync();
        });
        return new IdempotencyBacklog.Claim(caller.AccountId, false, key, createdAt);
    }

    private Task<IdempotencyRecord?> RecordAsync(ApiFixture.Caller caller, string key) => Api.WithDbAsync(db =>
        db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.AccountId == caller.AccountId && r.Key == key));

    [Fact]
    public async Task A_deferred_release_frees_the_key_before_the_retry_claims_it()
    {
        var caller = await Api.NewCallerAsync();
        var claim = await ClaimAsync(caller, "retry-1");
        var stuck = await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"]}""", "retry-1");
        await stuck.ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");

        Backlog.Defer(claim, null);
        await (await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"]}""", "retry-1")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(0, Backlog.Count);
        var replay = await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"]}""", "retry-1");
        Assert.Equal(HttpStatusCode.Created, replay.StatusCode);
        Assert.True(replay.Headers.Contains("Idempotent-Replayed"));
    }

    [Fact]
    public async Task Housekeeping_stores_a_deferred_response_on_its_claim_only()
    {
        var caller = await Api.NewCallerAsync();
        var claim = await ClaimAsync(caller, "store-1");
        var body = Encoding.UTF8.GetBytes("""{"id":"ses_x"}""");
        Backlog.Defer(claim, new IdempotencyBacklog.Response(201, "/api/v1/sessions/ses_x", body, "ses_x"));
        // A deferred release whose claim is gone, and the key claimed again since by a later request: not touched.
        var later = await ClaimAsync(caller, "release-1");
        Backlog.Defer(later with { CreatedAt = later.CreatedAt - TimeSpan.FromSeconds(1) }, null);

        await RunHousekeepingAsync();

        var stored = await RecordAsync(caller, "store-1");
        Assert.Equal(201, stored!.StatusCode);
        Assert.Equal("/api/v1/sessions/ses_x", stored.Location);
        Assert.Equal(body, stored.ResponseBody);
        Assert.Equal("ses_x", stored.SessionId);
        var untouched = await RecordAsync(caller, "release-1");
        Assert.NotNull(untouched);
        Assert.Null(untouched.StatusCode);
        Assert.Equal(0, Backlog.Count);
    }

    [Fact]
    public async Task A_session_redacted_while_its_response_waited_keeps_nothing_of_it()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, """{"steps":["document"],"applicant":{"first_name":"Ada","last_name":"Lovelace"}}""");
        var claim = await ClaimAsync(caller, "redacted-1");
        Backlog.Defer(claim, new IdempotencyBacklog.Response(201, $"/api/v1/sessions/{id}", Encoding.UTF8.GetBytes("""{"first_name":"Ada"}"""), id));
        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Sessions}/{id}")).StatusCode);

        await RunHousekeepingAsync();

        var stored = await RecordAsync(caller, "redacted-1");
        Assert.Equal(409, stored!.StatusCode);
        Assert.Null(stored.Location);
        Assert.Equal(Idempotency.RedactedReplayRefusal, stored.ResponseBody);
    }
}

public sealed class IdempotencyBacklogTestsOnSqlite(SqliteApiFixture api) : IdempotencyBacklogTests(api), IClassFixture<SqliteApiFixture>;

public sealed class IdempotencyBacklogTestsOnPostgres(PostgresApiFixture api) : IdempotencyBacklogTests(api), IClassFixture<PostgresApiFixture>;
