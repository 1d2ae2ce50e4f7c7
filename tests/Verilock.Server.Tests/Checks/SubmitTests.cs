using System.Net;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Checks;

/// <summary><c>POST /sessions/{id}/submit</c> (spec §8.6) and the job it queues.</summary>
public abstract class SubmitTests(ApiFixture api) : ApiTests(api)
{
    [Fact]
    public async Task Submit_names_every_missing_upload()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, """{"steps":["document","selfie","face_match"]}""");
        var nothing = await (await caller.Client.SubmitAsync(id)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["document.front", "selfie"], nothing!.Keys());

        await (await caller.Client.PostDocumentAsync(id, File("file", Jpeg()), Field("side", "front"), Field("document_type", "id_card"))).ExpectAsync(HttpStatusCode.OK);
        var noBack = await (await caller.Client.SubmitAsync(id)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["document.back", "selfie"], noBack!.Keys());
        Assert.Equal(
            """{"document.back":["The back of the document must be uploaded before submitting (required for this document type)."],"selfie":["The selfie must be uploaded before submitting."]}""",
            noBack!.ToJsonString());
        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("created", (string?)session["status"]);
        Assert.Equal(0, await Api.WithDbAsync(db => Task.FromResult(db.CheckJobs.Count(j => j.SessionId == id))));
    }

    [Fact]
    public async Task Submit_moves_the_session_to_processing_once_and_queues_one_job()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, """{"steps":["document","selfie"]}""");
        await (await caller.Client.PostDocumentAsync(id, File("front", Jpeg()), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.PostSelfieAsync(id, Jpeg(2))).ExpectAsync(HttpStatusCode.OK);

        var submittedAt = Api.NowText();
        var body = await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(
            $$"""{"id":"{{id}}","status":"processing","message":"Session submitted for verification. You will be notified via webhook when processing is complete."}""",
            body.ToJsonString());
        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("processing", (string?)session["status"]);
        Assert.Null(session["decision"]);
        Assert.Equal(submittedAt, (string?)session["submitted_at"]);
        Assert.Equal(["session.created", "session.processing"], await Api.EventTypesAsync(id));

        await (await caller.Client.SubmitAsync(id)).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        await (await caller.Client.PostSelfieAsync(id, Jpeg(3))).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(1, await Api.WithDbAsync(db => Task.FromResult(db.CheckJobs.Count(j => j.SessionId == id))));
        // Processing sessions with uploads never expire (spec §7.2).
        Api.Clock.Advance(TimeSpan.FromHours(2));
        var later = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("processing", (string?)later["status"]);
        await Api.RunChecksAsync();
    }

    [Fact]
    public async Task Expired_and_foreign_sessions_cannot_be_submitted()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, """{"steps":["aml"],"applicant":{"first_name":"Jean","last_name":"Dupont"},"expires_in":300}""");
        var stranger = await Api.NewCallerAsync();
        await (await stranger.Client.SubmitAsync(id)).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        Api.Clock.Advance(TimeSpan.FromSeconds(300));
        await (await caller.Client.SubmitAsync(id)).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("expired", (string?)session["status"]);
    }
}

public sealed class SubmitTestsOnSqlite(SqliteApiFixture api) : SubmitTests(api), IClassFixture<SqliteApiFixture>;

public sealed class SubmitTestsOnPostgres(PostgresApiFixture api) : SubmitTests(api), IClassFixture<PostgresApiFixture>;
