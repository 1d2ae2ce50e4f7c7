using System.Net;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Checks;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Checks;

/// <summary>The job queue's guarantees: a crashed worker's job is taken over after its lease, and a session is decided once.</summary>
public abstract class CheckWorkerTests(ApiFixture api) : ApiTests(api)
{
    private async Task<(ApiFixture.Caller, string)> SubmittedAsync()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, """{"steps":["document","aml"],"applicant":{"first_name":"Jean","last_name":"Dupont"}}""");
        await (await caller.Client.PostDocumentAsync(id, File("front", Jpeg()), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        return (caller, id);
    }

    [Fact]
    public async Task A_job_claimed_by_a_worker_that_died_is_run_after_its_lease_and_decides_once()
    {
        var (caller, id) = await SubmittedAsync();
        Api.Clock.Advance(TimeSpan.FromSeconds(3));
        // A worker claims the job and dies before recording anything.
        var claimed = await Api.WithDbAsync(db =>
        {
            var now = Api.Clock.GetUtcNow().UtcDateTime;
            return CheckJobQueue.ClaimDueAsync(db, now, now + TimeSpan.FromMinutes(5), 10, CancellationToken.None);
        });
        Assert.Contains(claimed, j => j.SessionId == id);

        Assert.Equal(0, await Api.RunChecksAsync(TimeSpan.FromMinutes(1)));
        var waiting = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("processing", (string?)waiting["status"]);

        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.FromMinutes(5)));
        var decided = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", (string?)decided["status"]);
        Assert.Equal(0, await Api.RunChecksAsync(TimeSpan.FromMinutes(10)));
        var events = await Api.EventTypesAsync(id);
        Assert.Single(events, e => e == "session.completed");
        Assert.Single(events, e => e == "aml.completed");
        Assert.Equal(1, await Api.WithDbAsync(db => db.AmlScreenings.CountAsync(s => s.SessionId == id)));
        Assert.Equal(0, await Api.WithDbAsync(db => db.CheckJobs.CountAsync(j => j.SessionId == id)));
    }

    [Fact]
    public async Task A_stale_worker_finishing_late_does_not_decide_again()
    {
        var (caller, id) = await SubmittedAsync();
        Api.Clock.Advance(TimeSpan.FromSeconds(3));
        var stale = (await Api.WithDbAsync(db =>
        {
            var now = Api.Clock.GetUtcNow().UtcDateTime;
            return CheckJobQueue.ClaimDueAsync(db, now, now + TimeSpan.FromMinutes(5), 10, CancellationToken.None);
        })).Single(j => j.SessionId == id);
        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.FromMinutes(6)));

        // The first worker wakes up and tries to put its job back: the job is gone and nothing changes.
        await Api.WithDbAsync(async db =>
        {
            await CheckJobQueue.ReleaseAsync(db, stale, Api.Clock.GetUtcNow().UtcDateTime, "late", CancellationToken.None);
            return 0;
        });
        Assert.Equal(0, await Api.WithDbAsync(db => db.CheckJobs.CountAsync(j => j.SessionId == id)));
        Assert.Equal(0, await Api.RunChecksAsync(TimeSpan.FromMinutes(10)));
        Assert.Single(await Api.EventTypesAsync(id), e => e == "session.completed");
    }
}

public sealed class CheckWorkerTestsOnSqlite(SqliteApiFixture api) : CheckWorkerTests(api), IClassFixture<SqliteApiFixture>;

public sealed class CheckWorkerTestsOnPostgres(PostgresApiFixture api) : CheckWorkerTests(api), IClassFixture<PostgresApiFixture>;
