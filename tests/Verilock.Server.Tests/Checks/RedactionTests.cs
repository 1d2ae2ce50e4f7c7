using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Checks;

/// <summary><c>DELETE /sessions/{id}</c> (spec §8.9): personal data and media go, a tombstone stays.</summary>
public abstract class RedactionTests(ApiFixture api) : ApiTests(api)
{
    [Fact]
    public async Task Redacting_a_decided_session_leaves_only_the_tombstone()
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client,
            """{"steps":["document","selfie","aml"],"applicant":{"first_name":"Jean","last_name":"Dupont","email":"j@example.com"},"reference_id":"usr_9","metadata":{"k":"v"},"webhook_url":"http://hooks.example.test/x"}""");
        var document = await (await caller.Client.PostDocumentAsync(id, File("front", Jpeg()), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.PostSelfieAsync(id, Jpeg(2))).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        await Api.RunChecksAsync();
        var decided = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        var screeningId = (string)decided["results"]!["aml"]!["details"]!["screening_id"]!;
        var mediaKeys = await Api.WithDbAsync(async db => (await db.Sessions.SingleAsync(s => s.Id == id)).MediaKeys());
        Assert.Equal(2, mediaKeys.Count);

        Api.Clock.Advance(TimeSpan.FromMinutes(1));
        var redactedAt = Api.NowText();
        var deleted = await caller.Client.DeleteAsync($"{Sessions}/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        var tombstone = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            $$"""{"id":"{{id}}","type":"kyc","livemode":false,"status":"approved","decision":"approved","review_reasons":[],"risk_score":null,"risk_level":null,"reference_id":null,"external_id":null,"profile_id":null,"steps":["document","selfie","aml"],"applicant":{"first_name":null,"last_name":null,"email":null,"date_of_birth":null,"nationality":null},"metadata":{},"redirect_url":null,"webhook_url":null,"monitoring_enabled":false,"monitoring_frequency":"daily","last_monitoring_at":null,"documents":[],"selfie":null,"results":{},"decided_by":null,"decision_reason":null,"decided_at":null,"hosted_url":null,"session_url":null,"session_token":null,"consent_given_at":null,"expires_at":"{{decided["expires_at"]}}","created_at":"{{decided["created_at"]}}","submitted_at":null,"completed_at":"{{decided["completed_at"]}}","redacted_at":"{{redactedAt}}"}""",
            tombstone.ToJsonString());

        await (await caller.Client.GetAsync($"{Sessions}/{id}/documents/{document["id"]}/front")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await caller.Client.GetAsync($"{Sessions}/{id}/selfie")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await caller.Client.GetAsync($"{Sessions}/{id}/risk")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        var backend = Api.Services.GetRequiredService<Verilock.Infrastructure.Media.IMediaBackend>();
        foreach (var key in mediaKeys)
            Assert.Null(await backend.GetAsync(key, CancellationToken.None));

        var screening = await (await caller.Client.GetAsync($"/api/v1/aml/screen/{screeningId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Null((string?)screening["reference_id"]);
        Assert.DoesNotContain("Dupont", screening.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        var payloads = await Api.WithDbAsync(db => db.OutboxEvents.Where(e => e.SessionId == id).Select(e => e.Payload).ToListAsync());
        Assert.NotEmpty(payloads);
        Assert.All(payloads, Assert.Null);

        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Sessions}/{id}")).StatusCode);
        var list = await (await caller.Client.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
        Assert.Null((string?)list["data"]![0]!["reference_id"]);
    }

    [Fact]
    public async Task A_retried_request_after_redaction_gets_a_409_and_no_stored_response_holds_the_applicant()
    {
        var caller = await Api.NewCallerAsync();
        const string create = """{"steps":["document"],"applicant":{"first_name":"Jeanne","last_name":"Redactable"}}""";
        var created = await (await caller.Client.PostJsonAsync(Sessions, create, idempotencyKey: "create-1")).ExpectAsync(HttpStatusCode.Created);
        var id = (string)created["id"]!;
        var upload = new HttpRequestMessage(HttpMethod.Post, $"{Sessions}/{id}/documents")
        {
            Content = Form(File("front", Jpeg(), "jeanne_redactable_passport.jpg"), Field("type", "passport")),
        };
        upload.Headers.Add("Idempotency-Key", "upload-1");
        await (await caller.Client.SendAsync(upload)).ExpectAsync(HttpStatusCode.OK);
        // Another session's stored response is not touched.
        var other = await (await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"],"applicant":{"last_name":"Keeper"}}""", idempotencyKey: "create-2"))
            .ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Sessions}/{id}")).StatusCode);

        var bodies = await Api.WithDbAsync(db => db.IdempotencyRecords.Where(r => r.AccountId == caller.AccountId)
            .Select(r => new { r.Key, r.StatusCode, r.ResponseBody }).ToListAsync());
        Assert.Equal(3, bodies.Count);
        Assert.All(bodies.Where(b => b.Key != "create-2"), b =>
        {
            Assert.Equal(409, b.StatusCode);
            Assert.DoesNotContain("Redactable", System.Text.Encoding.UTF8.GetString(b.ResponseBody!), StringComparison.OrdinalIgnoreCase);
        });
        var replay = await caller.Client.PostJsonAsync(Sessions, create, idempotencyKey: "create-1");
        await replay.ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Null(replay.Headers.Location);
        Assert.Equal(1, await Api.WithDbAsync(db => Task.FromResult(db.Sessions.Count(s => s.AccountId == caller.AccountId && s.Id != (string)other["id"]!))));
        var kept = await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"],"applicant":{"last_name":"Keeper"}}""", idempotencyKey: "create-2");
        Assert.Equal(other.ToJsonString(), (await kept.ExpectAsync(HttpStatusCode.Created)).ToJsonString());
    }

    [Fact]
    public async Task A_created_session_is_expired_first_and_a_processing_one_cannot_be_redacted()
    {
        var caller = await Api.NewCallerAsync();
        var created = await CreateAsync(caller.Client);
        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Sessions}/{created}")).StatusCode);
        var tombstone = await (await caller.Client.GetAsync($"{Sessions}/{created}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("expired", (string?)tombstone["status"]);
        Assert.Equal(["session.created", "session.expired"], await Api.EventTypesAsync(created));
        await (await caller.Client.SubmitAsync(created)).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");

        var processing = await CreateAsync(caller.Client);
        await (await caller.Client.PostDocumentAsync(processing, File("front", Jpeg()), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(processing)).ExpectAsync(HttpStatusCode.Accepted);
        await (await caller.Client.DeleteAsync($"{Sessions}/{processing}")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        var stranger = await Api.NewCallerAsync();
        await (await stranger.Client.DeleteAsync($"{Sessions}/{processing}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await Api.RunChecksAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Sessions}/{processing}")).StatusCode);
    }
}

public sealed class RedactionTestsOnSqlite(SqliteApiFixture api) : RedactionTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RedactionTestsOnPostgres(PostgresApiFixture api) : RedactionTests(api), IClassFixture<PostgresApiFixture>;
