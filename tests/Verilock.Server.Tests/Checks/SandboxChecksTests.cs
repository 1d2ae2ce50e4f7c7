using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.Json.Nodes;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Checks;

/// <summary>Test keys get the simulated, deterministic outcomes of spec §2.2, through the real queue and workers.</summary>
public abstract class SandboxChecksTests(ApiFixture api) : ApiTests(api)
{
    private const string AllSteps = "\"steps\":[\"document\",\"selfie\",\"face_match\",\"liveness\",\"aml\"]";

    private async Task<(ApiFixture.Caller Caller, string Id)> SubmittedAsync(
        string lastName, string steps = AllSteps, string? extra = null, string documentType = "passport")
    {
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client,
            $$$"""{{{{steps}}},"applicant":{"first_name":"Jean","last_name":"{{{lastName}}}","date_of_birth":"1990-05-15","nationality":"FR"}{{{extra}}}}""");
        if (steps.Contains("document"))
            await (await caller.Client.PostDocumentAsync(id, documentType == "passport"
                ? [File("front", Jpeg()), Field("type", documentType)]
                : [File("front", Jpeg()), File("back", Jpeg(3)), Field("type", documentType)])).ExpectAsync(HttpStatusCode.OK);
        if (steps.Contains("selfie"))
            await (await caller.Client.PostSelfieAsync(id, Jpeg(2))).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        return (caller, id);
    }

    [Fact]
    public async Task The_default_scenario_is_approved_with_the_spec_results_and_risk()
    {
        var (caller, id) = await SubmittedAsync("Dupont");
        Assert.Equal(0, await Api.RunChecksAsync(TimeSpan.FromSeconds(1)));
        var pending = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("processing", (string?)pending["status"]);
        await (await caller.Client.GetAsync($"{Sessions}/{id}/risk")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");

        var decidedAt = Api.NowText(TimeSpan.FromSeconds(2));
        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.FromSeconds(2)));
        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", (string?)session["status"]);
        Assert.Equal("approved", (string?)session["decision"]);
        Assert.Equal("system", (string?)session["decided_by"]);
        Assert.Equal(decidedAt, (string?)session["completed_at"]);
        Assert.Equal(2, (int)session["risk_score"]!);
        Assert.Equal("low", (string?)session["risk_level"]);
        var results = session["results"]!;
        var expiry = DateOnly.FromDateTime(ApiFixture.Start.UtcDateTime).AddYears(5).ToString("yyyy-MM-dd");
        Assert.Equal(
            $$$$"""{"status":"approved","score":0.98,"details":{"document_type":"passport","document_number":"SBX0000001","issuing_country":"FR","nationality":"FR","surname":"DUPONT","given_names":"JEAN","date_of_birth":"1990-05-15","sex":null,"expiry_date":"{{{{expiry}}}}","mrz_valid":true,"check_digits":{"document_number":true,"date_of_birth":true,"expiry_date":true,"composite":true},"document_expired":false,"data_consistency":{"name_match":true,"dob_match":true,"nationality_match":true},"source":"mrz","barcode":null}}""",
            results["document"]!.ToJsonString());
        Assert.Equal("""{"status":"approved","score":null,"details":{"face_count":1}}""", results["selfie"]!.ToJsonString());
        Assert.Equal("""{"status":"approved","score":0.96,"details":{"similarity":0.96,"label":"very_high"}}""", results["face_match"]!.ToJsonString());
        Assert.Equal("""{"status":"approved","score":0.97,"details":{"is_live":true,"mode":"passive","challenges":[]}}""", results["liveness"]!.ToJsonString());
        var aml = results["aml"]!;
        Assert.Equal(
            $$$"""{"status":"approved","score":0,"details":{"screening_id":"{{{aml["details"]!["screening_id"]}}}","pep":false,"sanctions":false,"adverse_media":false,"matches":[]}}""",
            aml.ToJsonString());

        var risk = await (await caller.Client.GetAsync($"{Sessions}/{id}/risk")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            $$$$"""{"session_id":"{{{{id}}}}","composite_score":2,"risk_level":"low","components":{"document_authenticity":{"score":2,"weight":0.2941,"weighted_score":0.59,"details":{"mrz_valid":true,"document_expired":false}},"face_match":{"score":4,"weight":0.2353,"weighted_score":0.94,"details":{"similarity":0.96}},"liveness":{"score":3,"weight":0.1765,"weighted_score":0.53,"details":{"liveness_score":0.97,"liveness_mode":"passive"}},"aml_screening":{"score":0,"weight":0.1765,"weighted_score":0,"details":{"matches_found":0}},"data_consistency":{"score":0,"weight":0.1176,"weighted_score":0,"details":{"name_match":true,"dob_match":true,"nationality_match":true}}},"calculated_at":"{{{{decidedAt}}}}"}""",
            risk.ToJsonString());
        Assert.Equal(["session.created", "session.processing", "aml.completed", "session.completed", "session.approved"], await Api.EventTypesAsync(id));
        Assert.Equal(0, await Api.RunChecksAsync());
    }

    [Theory]
    [InlineData("decline", "declined", "declined", "", "document", "declined")]
    [InlineData("NoMatch", "declined", "declined", "", "face_match", "declined")]
    [InlineData("SPOOF", "declined", "declined", "", "liveness", "declined")]
    [InlineData("SANCTIONED", "processing", "review", "aml_potential_match", "aml", "pending")]
    [InlineData("REVIEW", "processing", "review", "face_match_inconclusive", "face_match", "pending")]
    public async Task Each_last_name_scenario_gives_its_outcome(
        string lastName, string status, string decision, string reasons, string step, string stepStatus)
    {
        var (caller, id) = await SubmittedAsync(lastName);
        await Api.RunChecksAsync();
        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(status, (string?)session["status"]);
        Assert.Equal(decision, (string?)session["decision"]);
        Assert.Equal(reasons, string.Join(',', session["review_reasons"]!.AsArray().Select(r => (string?)r)));
        Assert.Equal(stepStatus, (string?)session["results"]![step]!["status"]);
        var otherSteps = session["results"]!.AsObject().Where(r => r.Key != step).Select(r => (string?)r.Value!["status"]);
        Assert.All(otherSteps, s => Assert.Equal("approved", s));
    }

    [Fact]
    public async Task A_declined_liveness_step_sends_liveness_failed_before_the_completion()
    {
        var (_, spoof) = await SubmittedAsync("SPOOF");
        var (_, face) = await SubmittedAsync("NOMATCH");
        await Api.RunChecksAsync();
        var events = await Api.EventTypesAsync(spoof);
        Assert.Equal(["liveness.failed", "session.completed", "session.declined"], events.Skip(events.IndexOf("liveness.failed")));
        var payload = await Api.WithDbAsync(db => db.OutboxEvents.Where(e => e.SessionId == spoof && e.Type == "liveness.failed").Select(e => e.Payload).SingleAsync());
        Assert.Contains("\"liveness_score\":0.12,\"liveness_mode\":\"passive\"", payload);
        Assert.DoesNotContain("liveness.failed", await Api.EventTypesAsync(face));
    }

    [Fact]
    public async Task Scenario_values_match_the_spec_table()
    {
        var (caller, id) = await SubmittedAsync("NOMATCH");
        var (_, spoofId) = await SubmittedAsync("spoof");
        var (_, declineId) = await SubmittedAsync("Decline");
        await Api.RunChecksAsync();
        JsonNode Results(string sessionId) => caller.Client.GetAsync($"{Sessions}/{sessionId}").Result.JsonAsync().Result["results"]!;
        Assert.Equal("""{"status":"declined","score":0.31,"details":{"similarity":0.31,"label":"low"}}""", Results(id)["face_match"]!.ToJsonString());
        var spoofCaller = (await Api.WithDbAsync(db => Task.FromResult(db.Sessions.Single(s => s.Id == spoofId).AccountId)));
        Assert.NotEqual(Guid.Empty, spoofCaller);
        var spoof = await Api.WithDbAsync(db => Task.FromResult(db.Sessions.Single(s => s.Id == spoofId).Results));
        Assert.Equal(0.12, spoof[Verilock.Domain.Sessions.VerificationStep.Liveness].Score);
        Assert.False(((Verilock.Domain.Checks.Details.LivenessStepDetails)spoof[Verilock.Domain.Sessions.VerificationStep.Liveness].Details!).IsLive);
        var decline = await Api.WithDbAsync(db => Task.FromResult(db.Sessions.Single(s => s.Id == declineId).Results));
        Assert.False(((Verilock.Domain.Checks.Details.DocumentStepDetails)decline[Verilock.Domain.Sessions.VerificationStep.Document].Details!).MrzValid);
    }

    [Fact]
    public async Task A_driving_licence_is_simulated_as_a_barcode_read_and_DECLINE_as_an_expired_licence()
    {
        var (caller, id) = await SubmittedAsync("Dupont", "\"steps\":[\"document\"]", documentType: "driving_license");
        var (declinedCaller, declinedId) = await SubmittedAsync("Decline", "\"steps\":[\"document\"]", documentType: "driving_license");
        Assert.Equal(2, await Api.RunChecksAsync(TimeSpan.FromSeconds(2)));

        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", (string?)session["status"]);
        var expiry = DateOnly.FromDateTime(ApiFixture.Start.UtcDateTime).AddYears(5).ToString("yyyy-MM-dd");
        Assert.Equal(
            $$$$"""{"status":"approved","score":0.98,"details":{"document_type":"driving_license","document_number":"SBX0000001","issuing_country":"US","nationality":null,"surname":"DUPONT","given_names":"JEAN","date_of_birth":"1990-05-15","sex":null,"expiry_date":"{{{{expiry}}}}","mrz_valid":null,"check_digits":null,"document_expired":false,"data_consistency":{"name_match":true,"dob_match":true,"nationality_match":null},"source":"pdf417","barcode":{"format":"aamva","aamva_version":10,"jurisdiction":"CA","issuer_id":"636014"}}}""",
            session["results"]!["document"]!.ToJsonString());

        var declined = await (await declinedCaller.Client.GetAsync($"{Sessions}/{declinedId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("declined", (string?)declined["status"]);
        var details = declined["results"]!["document"]!["details"]!;
        Assert.True((bool)details["document_expired"]!);
        Assert.Equal(DateOnly.FromDateTime(ApiFixture.Start.UtcDateTime).AddYears(-1).ToString("yyyy-MM-dd"), (string?)details["expiry_date"]);
        Assert.Null(details["mrz_valid"]);
    }

    [Fact]
    public async Task A_scenario_whose_step_is_not_configured_falls_back_to_the_default()
    {
        var (caller, id) = await SubmittedAsync("NOMATCH", "\"steps\":[\"document\"]");
        await Api.RunChecksAsync();
        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", (string?)session["status"]);
        Assert.Equal(["document"], session["results"]!.AsObject().Select(r => r.Key));
    }

    [Fact]
    public async Task An_aml_only_session_screens_the_applicant_against_the_sandbox_list()
    {
        var (caller, id) = await SubmittedAsync("Sanctioned", "\"steps\":[\"aml\"]");
        await Api.RunChecksAsync();
        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("review", (string?)session["decision"]);
        var aml = session["results"]!["aml"]!;
        Assert.Equal(0.95, (double)aml["score"]!);
        Assert.Equal("sandbox", (string?)aml["details"]!["matches"]![0]!["list"]);
        Assert.True((bool)aml["details"]!["sanctions"]!);
        var screening = await (await caller.Client.GetAsync($"/api/v1/aml/screen/{aml["details"]!["screening_id"]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(id, (string?)screening["session_id"]);
        Assert.Equal("potential_match", (string?)screening["status"]);
        Assert.Equal(["session.created", "session.processing", "aml.completed", "aml.match_found", "session.review_required"], await Api.EventTypesAsync(id));
    }
}

public sealed class SandboxChecksTestsOnSqlite(SqliteApiFixture api) : SandboxChecksTests(api), IClassFixture<SqliteApiFixture>;

public sealed class SandboxChecksTestsOnPostgres(PostgresApiFixture api) : SandboxChecksTests(api), IClassFixture<PostgresApiFixture>;
