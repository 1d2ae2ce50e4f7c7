using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Aml;
using Verilock.Server.Sessions;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Aml;

/// <summary>
/// The session <c>aml</c> step (spec §9) as the checks pipeline will call it, over the small generated UN list
/// (<see cref="TestLists.Standing"/> is listed).
/// </summary>
public abstract class SessionAmlScreeningTests(ApiFixture api) : ApiTests(api)
{
    private static async Task<string> CreateSessionAsync(ApiFixture.Caller caller, string applicant, string extra = "") =>
        await CreateAsync(caller.Client, $$"""{"steps":["aml"],"applicant":{{applicant}},"reference_id":"usr_9","monitoring_enabled":true{{extra}}}""");

    /// <summary>Runs the step for the session and commits, as the pipeline will.</summary>
    private Task<SessionAmlScreening.Result> ScreenAsync(string sessionId, DocumentIdentity? document = null) =>
        Api.WithDbAsync(async db =>
        {
            var session = await db.Sessions.SingleAsync(s => s.Id == sessionId);
            await using var scope = Api.Services.CreateAsyncScope();
            var step = new SessionAmlScreening(db, scope.ServiceProvider.GetRequiredService<AmlScreener>(), Api.Clock);
            var result = step.Screen(session, document) ?? throw new Xunit.Sdk.XunitException("The lists are not loaded.");
            await db.SaveChangesAsync();
            return result;
        });

    /// <summary>The step result as <c>GET /sessions/{id}</c> shows it in <c>results.aml</c>.</summary>
    private static JsonNode Json(StepResult step) =>
        JsonNode.Parse(JsonSerializer.Serialize(StepResultResponse.From(step), ApiJson.Options))!;

    [Fact]
    public async Task A_listed_applicant_gives_a_pending_step_and_a_screening_with_the_session_id()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var sessionId = await CreateSessionAsync(caller, """{"first_name":"Gulbahar","last_name":"Examplezai","date_of_birth":"1962-04-01","nationality":"af"}""");
        var result = await ScreenAsync(sessionId);

        Assert.True(result.PotentialMatch);
        var step = Json(result.Step);
        var screeningId = result.Screening.Id;
        Assert.Equal("pending", (string?)step["status"]);
        Assert.Equal(result.Screening.HighestScore, (double)step["score"]!);
        Assert.True((double)step["score"]! >= 0.8);
        Assert.Equal(
            $$"""{"screening_id":"{{screeningId}}","pep":false,"sanctions":true,"adverse_media":false,"matches":[{"list":"un_sc","entity_id":"un_sc:9100001","name":"GULBAHAR EXAMPLEZAI","matched_name":"GULBAHAR EXAMPLEZAI","score":{{step["score"]!.ToJsonString()}}}]}""",
            step["details"]!.ToJsonString());

        var screening = await (await caller.Client.GetAsync($"{AmlRequests.Screen}/{screeningId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(sessionId, (string?)screening["session_id"]);
        Assert.Equal("usr_9", (string?)screening["reference_id"]);
        Assert.Equal("""{"full_name":null,"first_name":"Gulbahar","last_name":"Examplezai","date_of_birth":"1962-04-01","nationality":"AF"}""", screening["query"]!.ToJsonString());
        Assert.Equal(["un_sc"], screening["lists"]!.AsArray().Select(l => (string)l!));
        Assert.Equal(["name", "dob", "nationality"], screening["matches"]![0]!["reasons"]!.AsArray().Select(r => (string)r!));
        Assert.False((bool)screening["monitoring_enabled"]!); // the session carries monitoring, not its step's screening

        var bySession = await (await caller.Client.GetAsync($"{AmlRequests.Screenings}?session_id={sessionId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([screeningId], bySession["data"]!.AsArray().Select(s => (string)s!["id"]!));

        var events = await Api.ScreeningEventsAsync(screeningId);
        Assert.Equal(["aml.completed", "aml.match_found"], events.Select(e => e.Type));
        Assert.All(events, e => Assert.Equal(sessionId, e.SessionId)); // so the session's webhook_url gets them
        Assert.All(events, e => Assert.Equal(sessionId, (string?)e.Data["session_id"]));
        Assert.Equal(["session.created", "aml.completed", "aml.match_found"], await Api.EventTypesAsync(sessionId));
    }

    [Fact]
    public async Task The_step_result_feeds_the_session_outcome()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var sessionId = await CreateSessionAsync(caller, """{"first_name":"Gulbahar","last_name":"Examplezai"}""");
        var result = await ScreenAsync(sessionId);
        await Api.WithDbAsync(async db =>
        {
            var session = await db.Sessions.SingleAsync(s => s.Id == sessionId);
            var now = Api.Clock.GetUtcNow().UtcDateTime;
            Assert.True(session.TrySubmit(now));
            session.RecordCheckOutcome(
                new Dictionary<VerificationStep, StepResult> { [VerificationStep.Aml] = result.Step },
                result.PotentialMatch ? [ReviewReason.AmlPotentialMatch] : [], now);
            await db.SaveChangesAsync();
            return 0;
        });
        var session = await (await caller.Client.GetAsync($"{Sessions}/{sessionId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("review", (string?)session["decision"]);
        // The match alone makes the risk high (spec §10: the AML component is the only one), so both reasons apply.
        Assert.Equal(["aml_potential_match", "risk_high"], session["review_reasons"]!.AsArray().Select(r => (string)r!));
        Assert.Equal(Json(result.Step).ToJsonString(), session["results"]!["aml"]!.ToJsonString());
    }

    [Fact]
    public async Task An_unlisted_applicant_gives_an_approved_step_with_score_0()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var sessionId = await CreateSessionAsync(caller, """{"first_name":"Jean","last_name":"Dupont","date_of_birth":"1990-05-15"}""");
        var result = await ScreenAsync(sessionId);
        Assert.False(result.PotentialMatch);
        var step = Json(result.Step);
        Assert.Equal("approved", (string?)step["status"]);
        Assert.Equal(0, (double)step["score"]!);
        Assert.Equal(
            $$"""{"screening_id":"{{result.Screening.Id}}","pep":false,"sanctions":false,"adverse_media":false,"matches":[]}""",
            step["details"]!.ToJsonString());
        Assert.Equal(["aml.completed"], (await Api.ScreeningEventsAsync(result.Screening.Id)).Select(e => e.Type));
    }

    [Fact]
    public async Task The_document_name_is_screened_when_there_is_one()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var sessionId = await CreateSessionAsync(caller, """{"first_name":"Jean","last_name":"Dupont","date_of_birth":"1990-05-15","nationality":"FR"}""");
        var result = await ScreenAsync(sessionId, new DocumentIdentity("EXAMPLEZAI", "GULBAHAR", new DateOnly(1962, 4, 1), null));
        Assert.True(result.PotentialMatch);
        var query = result.Screening.Query;
        Assert.Equal(("GULBAHAR", "EXAMPLEZAI", "1962-04-01", "FR"), (query.FirstName, query.LastName, query.DateOfBirth, query.Nationality));

        // A field the document lacks falls back to the applicant's: here the birth date, 28 years off, clears the name.
        var applicantBirth = await ScreenAsync(sessionId, new DocumentIdentity("EXAMPLEZAI", "GULBAHAR", null, null));
        Assert.Equal("1990-05-15", applicantBirth.Screening.Query.DateOfBirth);
        Assert.False(applicantBirth.PotentialMatch);
    }

    [Fact]
    public async Task The_profile_threshold_applies()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var sessionId = await CreateAsync(caller.Client, """
            {"profile":{"steps":["aml"],"aml_threshold":0.5},"applicant":{"first_name":"Gulbahar","last_name":"Examplezai"}}
            """);
        var result = await ScreenAsync(sessionId);
        Assert.Equal(0.5, result.Screening.Threshold);
    }

    [Fact]
    public async Task Test_keys_get_the_sandbox_outcome()
    {
        var caller = await Api.NewCallerAsync(live: false);
        var sanctioned = await ScreenAsync(await CreateSessionAsync(caller, """{"first_name":"Jane","last_name":"Sanctioned"}"""));
        Assert.True(sanctioned.PotentialMatch);
        Assert.Equal("pending", (string?)Json(sanctioned.Step)["status"]);
        Assert.Equal(0.95, (double)Json(sanctioned.Step)["score"]!);
        Assert.Equal(["sandbox"], sanctioned.Screening.Lists);
        Assert.Equal("sandbox", (string?)Json(sanctioned.Step)["details"]!["matches"]![0]!["list"]);

        // The real list is never searched with a test key.
        var listed = await ScreenAsync(await CreateSessionAsync(caller, """{"first_name":"Gulbahar","last_name":"Examplezai"}"""));
        Assert.False(listed.PotentialMatch);
        Assert.Equal("approved", (string?)Json(listed.Step)["status"]);
    }
}

public sealed class SessionAmlScreeningTestsOnSqlite(SqliteApiFixture api) : SessionAmlScreeningTests(api), IClassFixture<SqliteApiFixture>;

public sealed class SessionAmlScreeningTestsOnPostgres(PostgresApiFixture api) : SessionAmlScreeningTests(api), IClassFixture<PostgresApiFixture>;
