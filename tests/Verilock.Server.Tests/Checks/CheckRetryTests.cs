using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Infrastructure.Media;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Checks;

/// <summary>A session whose checks cannot finish never hangs silently: it waits for what is missing or goes to a person.</summary>
public sealed class CheckRetryTests(SqliteApiFixture api) : ApiTests(api), IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task A_document_that_keeps_failing_goes_to_review_with_processing_error_after_the_last_attempt()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var id = await CreateAsync(caller.Client, """{"steps":["document"]}""");
        await (await caller.Client.PostDocumentAsync(id, File("front", Jpeg()), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        // The stored file is damaged behind the server's back: decrypting it fails on every attempt.
        var key = await Api.WithDbAsync(async db => (await db.Sessions.SingleAsync(s => s.Id == id)).Document!.Front!.StorageKey);
        var backend = Api.Services.GetRequiredService<IMediaBackend>();
        await backend.DeleteAsync([key], CancellationToken.None);
        await backend.PutAsync(key, new byte[200], CancellationToken.None);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);

        for (var attempt = 1; attempt < 5; attempt++)
        {
            Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.FromMinutes(3)));
            var job = await Api.WithDbAsync(db => db.CheckJobs.SingleAsync(j => j.SessionId == id));
            Assert.Equal(attempt, job.Attempts);
            Assert.Equal("CryptographicException", job.LastError);
        }
        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.FromMinutes(3)));
        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("processing", (string?)session["status"]);
        Assert.Equal("review", (string?)session["decision"]);
        Assert.Equal(["processing_error", "risk_high"], session["review_reasons"]!.AsArray().Select(r => (string?)r));
        Assert.Equal("pending", (string?)session["results"]!["document"]!["status"]);
        Assert.Equal(0, await Api.WithDbAsync(db => db.CheckJobs.CountAsync(j => j.SessionId == id)));
    }
}

/// <summary>Live AML needs loaded lists; until then the session's job waits instead of deciding without them.</summary>
public sealed class CheckWithoutListsTests(NoListsApiFixture api) : ApiTests(api), IClassFixture<NoListsApiFixture>
{
    [Fact]
    public async Task A_live_aml_step_waits_for_the_lists()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var id = await CreateAsync(caller.Client, """{"steps":["aml"],"applicant":{"first_name":"Jean","last_name":"Dupont"}}""");
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.Zero));
        var job = await Api.WithDbAsync(db => db.CheckJobs.SingleAsync(j => j.SessionId == id));
        Assert.Equal("not_ready", job.LastError);
        Assert.Equal(Api.Clock.GetUtcNow().UtcDateTime.AddSeconds(15), job.RunAfter);
        Assert.Equal(0, await Api.RunChecksAsync(TimeSpan.FromSeconds(10)));
        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("processing", (string?)session["status"]);
        Assert.Null(session["decision"]);
        Assert.Equal(0, await Api.WithDbAsync(db => db.AmlScreenings.CountAsync(s => s.SessionId == id)));
    }
}
