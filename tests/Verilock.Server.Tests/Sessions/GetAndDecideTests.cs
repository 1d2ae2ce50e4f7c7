using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Sessions;

public abstract class GetAndDecideTests(ApiFixture api) : ApiTests(api)
{
    [Fact]
    public async Task Get_of_an_unknown_or_foreign_session_is_404()
    {
        var owner = await Api.NewCallerAsync();
        var id = await CreateAsync(owner.Client);
        var stranger = await Api.NewCallerAsync();
        var ownerLive = await Api.NewCallerAsync(live: true, accountName: owner.AccountName);

        await (await stranger.Client.GetAsync($"{Sessions}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await ownerLive.Client.GetAsync($"{Sessions}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await owner.Client.GetAsync($"{Sessions}/ses_00000000-0000-4000-8000-000000000000")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await owner.Client.GetAsync($"{Sessions}/{new string('x', 300)}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.PostJsonAsync($"{Sessions}/{id}/decision", """{"decision":"approved"}""")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Approving_a_session_in_review_completes_it_and_emits_events_once()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, """{"steps":["document","selfie","face_match"]}""");
        await Api.PutInReviewAsync(id);
        var inReview = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("processing", (string?)inReview["status"]);
        Assert.Equal("review", (string?)inReview["decision"]);
        Assert.Equal("pending", (string?)inReview["results"]!["face_match"]!["status"]);

        Api.Clock.Advance(TimeSpan.FromMinutes(5));
        var decidedAt = Api.NowText();
        var body = await (await caller.Client.PostJsonAsync($"{Sessions}/{id}/decision", """{"decision":"approved","reason":"Document checked by hand"}"""))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", (string?)body["status"]);
        Assert.Equal("approved", (string?)body["decision"]);
        Assert.Equal("approved", (string?)body["results"]!["face_match"]!["status"]);
        Assert.Equal(caller.Key[..16], (string?)body["decided_by"]);
        Assert.Equal("Document checked by hand", (string?)body["decision_reason"]);
        Assert.Equal(decidedAt, (string?)body["decided_at"]);
        Assert.Equal(decidedAt, (string?)body["completed_at"]);
        Assert.Equal(15, (int)body["risk_score"]!); // computed by the checks (spec §10), unchanged by manual decisions
        var events = await Api.EventTypesAsync(id);
        Assert.Equal(["session.created", "session.processing", "session.review_required", "session.completed", "session.approved"], events);

        var again = await (await caller.Client.PostJsonAsync($"{Sessions}/{id}/decision", """{"decision":"approved"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Document checked by hand", (string?)again["decision_reason"]);
        Assert.Equal(events, await Api.EventTypesAsync(id));

        await (await caller.Client.PostJsonAsync($"{Sessions}/{id}/decision", """{"decision":"declined"}""")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        var list = await (await caller.Client.GetAsync($"{Sessions}?status=approved")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(decidedAt, (string?)list["data"]![0]!["completed_at"]);
        Assert.Equal(1, (int)list["meta"]!["total"]!);
    }

    [Fact]
    public async Task Declining_a_session_in_review_declines_pending_steps()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, """{"steps":["document","selfie","face_match"]}""");
        await Api.PutInReviewAsync(id);
        var body = await (await caller.Client.PostJsonAsync($"{Sessions}/{id}/decision", """{"decision":"declined"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("declined", (string?)body["status"]);
        Assert.Equal("declined", (string?)body["results"]!["face_match"]!["status"]);
        Assert.Equal("approved", (string?)body["results"]!["document"]!["status"]);
        Assert.Null(body["decision_reason"]);
        Assert.EndsWith("session.declined", (await Api.EventTypesAsync(id)).Last());
    }

    [Fact]
    public async Task Deciding_a_created_or_expired_session_is_409()
    {
        var caller = await Api.NewCallerAsync();
        var created = await CreateAsync(caller.Client, """{"steps":["document"],"expires_in":300}""");
        await (await caller.Client.PostJsonAsync($"{Sessions}/{created}/decision", """{"decision":"approved"}""")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        Api.Clock.Advance(TimeSpan.FromSeconds(301));
        await (await caller.Client.PostJsonAsync($"{Sessions}/{created}/decision", """{"decision":"declined"}""")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(["session.created", "session.expired"], await Api.EventTypesAsync(created));
    }

    [Theory]
    [InlineData("""{}""", "decision")]
    [InlineData("""{"decision":"review"}""", "decision")]
    [InlineData("""{"decision":true}""", "decision")]
    [InlineData("""{"decision":"approved","reason":5}""", "reason")]
    public async Task A_bad_decision_body_is_422(string json, string field)
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client);
        await Api.PutInReviewAsync(id);
        var details = await (await caller.Client.PostJsonAsync($"{Sessions}/{id}/decision", json)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal([field], details!.Keys());
        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("processing", (string?)session["status"]);
    }

    [Fact]
    public async Task A_reason_over_1000_characters_is_422()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client);
        await Api.PutInReviewAsync(id);
        var details = await (await caller.Client.PostJsonAsync($"{Sessions}/{id}/decision", new { decision = "approved", reason = new string('r', 1001) }))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["reason"], details!.Keys());
    }

    [Fact]
    public async Task A_session_expires_at_once_on_read_and_in_the_background_sweep()
    {
        var caller = await Api.NewCallerAsync();
        var readExpired = await CreateAsync(caller.Client, """{"steps":["document"],"expires_in":300}""");
        var sweptExpired = await CreateAsync(caller.Client, """{"steps":["document"],"expires_in":300}""");
        var stillOpen = await CreateAsync(caller.Client, """{"steps":["document"],"expires_in":900}""");
        Api.Clock.Advance(TimeSpan.FromSeconds(299));
        Assert.Equal("created", (string?)(await (await caller.Client.GetAsync($"{Sessions}/{readExpired}")).ExpectAsync(HttpStatusCode.OK))["status"]);

        Api.Clock.Advance(TimeSpan.FromSeconds(1));
        var body = await (await caller.Client.GetAsync($"{Sessions}/{readExpired}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("expired", (string?)body["status"]);
        Assert.Null(body["completed_at"]);

        await Api.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Hosting.Housekeeping>().Single()
            .RunOnceAsync(CancellationToken.None);
        Assert.Equal(["session.created", "session.expired"], await Api.EventTypesAsync(sweptExpired));
        Assert.Equal(["session.created"], await Api.EventTypesAsync(stillOpen));

        var expired = await (await caller.Client.GetAsync($"{Sessions}?status=expired")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)expired["meta"]!["total"]!);
        var created = await (await caller.Client.GetAsync($"{Sessions}?status=created")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([stillOpen], created["data"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Equal(1, (int)created["meta"]!["total"]!);
        Assert.Equal(["session.created", "session.expired"], await Api.EventTypesAsync(readExpired));
    }

    [Fact]
    public async Task The_list_reports_expiry_at_once_too()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, """{"steps":["document"],"expires_in":300}""");
        Api.Clock.Advance(TimeSpan.FromSeconds(300));
        var body = await (await caller.Client.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("expired", (string?)body["data"]![0]!["status"]);
        Assert.Equal(["session.created", "session.expired"], await Api.EventTypesAsync(id));
    }

    [Fact]
    public async Task A_list_read_often_never_shows_a_due_session_as_created()
    {
        // The list skips its expiry probe while no session can be due. Sessions with the shortest lifetime are
        // created between reads, including after a read that found nothing due soon (only a day-long session),
        // and must still show as expired from the second they fall due (reads land on those seconds).
        var caller = await Api.NewCallerAsync();
        var expiries = new Dictionary<string, DateTime>();
        async Task CreateLivingAsync(int seconds)
        {
            var id = await CreateAsync(caller.Client, $$"""{"steps":["document"],"expires_in":{{seconds}}}""");
            expiries[id] = Api.Clock.GetUtcNow().UtcDateTime.AddSeconds(seconds);
        }

        await CreateLivingAsync(86400);
        for (var second = 0; second <= 900; second += 30)
        {
            if (second is 0 or 90 or 480 or 510)
                await CreateLivingAsync(300);
            var now = Api.Clock.GetUtcNow().UtcDateTime;
            var body = await (await caller.Client.GetAsync($"{Sessions}?per_page=100")).ExpectAsync(HttpStatusCode.OK);
            foreach (var item in body["data"]!.AsArray())
            {
                var expected = now >= expiries[(string)item!["id"]!] ? "expired" : "created";
                Assert.Equal(expected, (string?)item["status"]);
            }
            Api.Clock.Advance(TimeSpan.FromSeconds(30));
        }
        Assert.Equal(5, expiries.Count);
    }
}

public sealed class GetAndDecideTestsOnSqlite(SqliteApiFixture api) : GetAndDecideTests(api), IClassFixture<SqliteApiFixture>;

public sealed class GetAndDecideTestsOnPostgres(PostgresApiFixture api) : GetAndDecideTests(api), IClassFixture<PostgresApiFixture>;
