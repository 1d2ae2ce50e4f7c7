using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Sessions;

public abstract partial class CreateSessionTests(ApiFixture api) : ApiTests(api)
{
    private static readonly string[] SessionKeys =
    [
        "id", "type", "livemode", "status", "decision", "review_reasons", "risk_score", "risk_level", "reference_id",
        "external_id", "profile_id", "steps", "applicant", "metadata", "redirect_url", "webhook_url", "monitoring_enabled",
        "monitoring_frequency", "last_monitoring_at", "documents", "selfie", "results", "decided_by", "decision_reason", "decided_at", "hosted_url", "session_url",
        "session_token", "consent_given_at", "expires_at", "created_at", "submitted_at", "completed_at", "redacted_at",
    ];

    [Fact]
    public async Task Create_returns_201_with_the_full_session_object_and_location()
    {
        var caller = await Api.NewCallerAsync();
        var now = Api.NowText();
        var response = await caller.Client.PostJsonAsync(Sessions, """
            {"type":"kyc","steps":["face_match","selfie","document","selfie"],
             "applicant":{"first_name":"Jean","last_name":"Dupont","email":"jean.dupont@example.com","date_of_birth":"1990-05-15","nationality":"fr"},
             "reference_id":"usr_12345","redirect_url":"https://example.com/done","webhook_url":"https://example.com/hook",
             "metadata":{"plan":"gold","seats":3,"vip":true,"note":null},"monitoring_enabled":true,"expires_in":600,"unknown_field":{"x":1}}
            """);
        var body = await response.ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(SessionKeys, body.Keys());
        var id = (string)body["id"]!;
        Assert.Matches(SessionId(), id);
        Assert.Equal($"/api/v1/sessions/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("kyc", (string?)body["type"]);
        Assert.False((bool)body["livemode"]!);
        Assert.Equal("created", (string?)body["status"]);
        Assert.Null(body["decision"]);
        Assert.Empty(body["review_reasons"]!.AsArray());
        Assert.Equal("usr_12345", (string?)body["reference_id"]);
        Assert.Equal("usr_12345", (string?)body["external_id"]);
        Assert.Equal(["document", "selfie", "face_match"], body["steps"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("""{"first_name":"Jean","last_name":"Dupont","email":"jean.dupont@example.com","date_of_birth":"1990-05-15","nationality":"FR"}""",
            body["applicant"]!.ToJsonString());
        Assert.Equal("""{"plan":"gold","seats":3,"vip":true,"note":null}""", body["metadata"]!.ToJsonString());
        Assert.True((bool)body["monitoring_enabled"]!);
        Assert.Equal("daily", (string?)body["monitoring_frequency"]);
        Assert.Null(body["last_monitoring_at"]);
        Assert.Equal("""{"document":{"status":"not_started","score":null,"details":null},"selfie":{"status":"not_started","score":null,"details":null},"face_match":{"status":"not_started","score":null,"details":null}}""",
            body["results"]!.ToJsonString());
        var token = (string)body["session_token"]!;
        Assert.Matches(SessionToken(), token);
        Assert.Equal($"https://verify.example.test/verify/{token}", (string?)body["session_url"]);
        Assert.Equal((string?)body["session_url"], (string?)body["hosted_url"]);
        Assert.Equal(now, (string?)body["created_at"]);
        Assert.Equal(Api.NowText(TimeSpan.FromMinutes(10)), (string?)body["expires_at"]);
        Assert.Empty(body["documents"]!.AsArray());
        foreach (var empty in new[] { "selfie", "risk_score", "risk_level", "profile_id", "decided_by", "decision_reason", "decided_at", "consent_given_at", "submitted_at", "completed_at", "redacted_at" })
            Assert.Null(body[empty]);

        Assert.Equal(["session.created"], await Api.EventTypesAsync(id));
        var fetched = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(body.ToJsonString(), fetched.ToJsonString());
    }

    [Fact]
    public async Task The_flat_body_shape_fills_the_applicant_and_identity_is_stored_as_kyc()
    {
        var caller = await Api.NewCallerAsync();
        var body = await (await caller.Client.PostJsonAsync(Sessions, """
            {"type":"identity","steps":["document","aml"],"applicant_name":"Marie Claire Laurent","applicant_email":"marie@example.com","external_id":"ext-9"}
            """)).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("kyc", (string?)body["type"]);
        Assert.Equal("Marie Claire", (string?)body["applicant"]!["first_name"]);
        Assert.Equal("Laurent", (string?)body["applicant"]!["last_name"]);
        Assert.Equal("marie@example.com", (string?)body["applicant"]!["email"]);
        Assert.Equal("ext-9", (string?)body["reference_id"]);
        Assert.Equal(Api.NowText(TimeSpan.FromHours(1)), (string?)body["expires_at"]); // default one hour
    }

    [Fact]
    public async Task Applicant_fields_win_over_the_flat_shape()
    {
        var caller = await Api.NewCallerAsync();
        var body = await (await caller.Client.PostJsonAsync(Sessions, """
            {"steps":["selfie"],"applicant":{"last_name":"Dupont","email":"a@example.com"},"applicant_name":"Madonna","applicant_email":"b@example.com"}
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("""{"first_name":"Madonna","last_name":"Dupont","email":"a@example.com","date_of_birth":null,"nationality":null}""",
            body["applicant"]!.ToJsonString());
    }

    [Fact]
    public async Task A_live_key_creates_live_sessions()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var body = await (await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"]}""")).ExpectAsync(HttpStatusCode.Created);
        Assert.True((bool)body["livemode"]!);
    }

    [Theory]
    [InlineData("""{}""", "steps")]
    [InlineData("""{"steps":[]}""", "steps")]
    [InlineData("""{"steps":"document"}""", "steps")]
    [InlineData("""{"steps":["document","passport"]}""", "steps")]
    [InlineData("""{"steps":[1]}""", "steps")]
    [InlineData("""{"steps":["face_match","document"]}""", "steps")]
    [InlineData("""{"steps":["liveness"]}""", "steps")]
    [InlineData("""{"steps":["aml"],"applicant":{"first_name":"Jean"}}""", "steps")]
    [InlineData("""{"steps":["document"],"profile":{"steps":["document"]}}""", "profile")]
    [InlineData("""{"steps":["document"],"profile_id":"5b0e2d8e-1111-4a5e-9a4b-2d1c0f0e9a11"}""", "profile_id")]
    [InlineData("""{"profile_id":"5b0e2d8e-1111-4a5e-9a4b-2d1c0f0e9a11"}""", "profile_id")]
    [InlineData("""{"profile_id":"not-a-uuid"}""", "profile_id")]
    [InlineData("""{"profile":{"steps":["selfie"],"liveness_threshold":101}}""", "profile.liveness_threshold")]
    [InlineData("""{"profile":{"steps":["selfie"],"liveness_mode":"loud"}}""", "profile.liveness_mode")]
    [InlineData("""{"profile":{"steps":["selfie"],"liveness_challenges":["wink"]}}""", "profile.liveness_challenges")]
    [InlineData("""{"profile":{"steps":["document"],"document_types":["library_card"]}}""", "profile.document_types")]
    [InlineData("""{"profile":{"steps":["aml"],"aml_threshold":0.3}}""", "profile.aml_threshold")]
    [InlineData("""{"profile":{"liveness_mode":"active"}}""", "profile.steps")]
    [InlineData("""{"profile":{"steps":["face_match"]}}""", "profile.steps")]
    [InlineData("""{"profile":"basic"}""", "profile")]
    [InlineData("""{"steps":["document"],"type":"kyb"}""", "type")]
    [InlineData("""{"steps":["document"],"applicant":{"email":"not-an-email"}}""", "applicant.email")]
    [InlineData("""{"steps":["document"],"applicant":{"email":"jean@localhost"}}""", "applicant.email")]
    [InlineData("""{"steps":["document"],"applicant":{"first_name":123}}""", "applicant.first_name")]
    [InlineData("""{"steps":["document"],"applicant":"Jean"}""", "applicant")]
    [InlineData("""{"steps":["document"],"applicant":{"date_of_birth":"2099-01-01"}}""", "applicant.date_of_birth")]
    [InlineData("""{"steps":["document"],"applicant":{"date_of_birth":"2026-12-31"}}""", "applicant.date_of_birth")]
    [InlineData("""{"steps":["document"],"applicant":{"date_of_birth":"15/05/1990"}}""", "applicant.date_of_birth")]
    [InlineData("""{"steps":["document"],"applicant":{"nationality":"XX"}}""", "applicant.nationality")]
    [InlineData("""{"steps":["document"],"applicant":{"nationality":"FRX"}}""", "applicant.nationality")]
    [InlineData("""{"steps":["document"],"applicant":{"nationality":"Atlantis"}}""", "applicant.nationality")]
    [InlineData("""{"steps":["document"],"applicant":{"date_of_birth":"1990-2-30"}}""", "applicant.date_of_birth")]
    [InlineData("""{"steps":["document"],"applicant_email":"nope"}""", "applicant_email")]
    [InlineData("""{"steps":["document"],"reference_id":"a","external_id":"b"}""", "external_id")]
    [InlineData("""{"steps":["document"],"redirect_url":"ftp://example.com"}""", "redirect_url")]
    [InlineData("""{"steps":["document"],"redirect_url":"/relative"}""", "redirect_url")]
    [InlineData("""{"steps":["document"],"webhook_url":"not a url"}""", "webhook_url")]
    [InlineData("""{"steps":["document"],"expires_in":299}""", "expires_in")]
    [InlineData("""{"steps":["document"],"expires_in":86401}""", "expires_in")]
    [InlineData("""{"steps":["document"],"expires_in":"600"}""", "expires_in")]
    [InlineData("""{"steps":["document"],"expires_in":600.5}""", "expires_in")]
    [InlineData("""{"steps":["document"],"monitoring_enabled":"yes"}""", "monitoring_enabled")]
    [InlineData("""{"steps":["document"],"monitoring_frequency":"fortnightly"}""", "monitoring_frequency")]
    [InlineData("""{"steps":["document"],"monitoring_frequency":1}""", "monitoring_frequency")]
    [InlineData("""{"steps":["document"],"metadata":[1,2]}""", "metadata")]
    [InlineData("""{"steps":["document"],"metadata":{"nested":{"a":1}}}""", "metadata.nested")]
    [InlineData("""{"steps":["document"],"metadata":{"list":[1]}}""", "metadata.list")]
    [InlineData("""{"steps":["document"],"metadata":{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa":1}}""", "metadata")]
    public async Task Invalid_fields_are_422_on_the_field(string json, string field)
    {
        var caller = await Api.NewCallerAsync(live: true);
        var details = await (await caller.Client.PostJsonAsync(Sessions, json)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Contains(field, details!.Keys());
        Assert.All(details!.AsObject(), entry => Assert.All(entry.Value!.AsArray(), m => Assert.StartsWith("The ", (string?)m)));
        Assert.Equal(0, await Api.WithDbAsync(db => Task.FromResult(db.Sessions.Count(s => s.AccountId == caller.AccountId))));
    }

    [Theory]
    [InlineData("fra", "1990-05-01")]
    [InlineData("France", "1990-5-1")]
    [InlineData("french", "1990-05-1")]
    public async Task Applicant_nationality_and_birth_date_are_read_leniently_and_kept_canonical(string nationality, string dateOfBirth)
    {
        var caller = await Api.NewCallerAsync();
        var json = new JsonObject
        {
            ["steps"] = new JsonArray("document"),
            ["applicant"] = new JsonObject { ["last_name"] = "Dupont", ["date_of_birth"] = dateOfBirth, ["nationality"] = nationality },
        };
        var body = await (await caller.Client.PostJsonAsync(Sessions, json.ToJsonString())).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal("""{"first_name":null,"last_name":"Dupont","email":null,"date_of_birth":"1990-05-01","nationality":"FR"}""",
            body["applicant"]!.ToJsonString());
    }

    [Fact]
    public async Task The_validation_body_has_the_spec_message_and_dot_paths()
    {
        var caller = await Api.NewCallerAsync();
        var response = await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"],"applicant":{"email":"x"}}""");
        var body = await response.ExpectAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Equal("""{"error":"validation_error","message":"The given data was invalid.","details":{"applicant.email":["The applicant.email must be a valid email address."]}}""",
            body.ToJsonString());
    }

    [Fact]
    public async Task Metadata_is_limited_to_50_keys()
    {
        var caller = await Api.NewCallerAsync();
        var fifty = new JsonObject(Enumerable.Range(0, 50).Select(i => KeyValuePair.Create($"k{i}", (JsonNode?)JsonValue.Create(i))));
        await (await caller.Client.PostJsonAsync(Sessions, new JsonObject { ["steps"] = new JsonArray("document"), ["metadata"] = fifty }.ToJsonString()))
            .ExpectAsync(HttpStatusCode.Created);
        var fiftyOne = new JsonObject(Enumerable.Range(0, 51).Select(i => KeyValuePair.Create($"k{i}", (JsonNode?)JsonValue.Create(i))));
        var details = await (await caller.Client.PostJsonAsync(Sessions, new JsonObject { ["steps"] = new JsonArray("document"), ["metadata"] = fiftyOne }.ToJsonString()))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Contains("metadata", details!.Keys());
    }

    [Fact]
    public async Task Http_urls_are_accepted_with_test_keys_only()
    {
        var test = await Api.NewCallerAsync(live: false);
        await (await test.Client.PostJsonAsync(Sessions, """{"steps":["document"],"redirect_url":"http://localhost:3000/done"}""")).ExpectAsync(HttpStatusCode.Created);
        var live = await Api.NewCallerAsync(live: true);
        var details = await (await live.Client.PostJsonAsync(Sessions, """{"steps":["document"],"redirect_url":"http://localhost:3000/done"}"""))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["redirect_url"], details!.Keys());
    }

    [Fact]
    public async Task A_stored_profile_of_the_account_provides_the_steps_and_another_accounts_profile_is_unknown()
    {
        var owner = await Api.NewCallerAsync();
        var profileId = await Api.WithDbAsync(async db =>
        {
            var admin = new Accounts.AccountAdministration(db, Api.Clock);
            var profile = await admin.CreateProfileAsync(owner.AccountName, false, "strict",
                new Domain.Sessions.ProfileSettings([Domain.Sessions.VerificationStep.Document, Domain.Sessions.VerificationStep.Selfie],
                    "active", 80, ["blink"], ["passport"], 0.9m), CancellationToken.None);
            return profile.Id.ToString();
        });

        var body = await (await owner.Client.PostJsonAsync(Sessions, $$"""{"profile_id":"{{profileId}}"}""")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(profileId, (string?)body["profile_id"]);
        Assert.Equal(["document", "selfie"], body["steps"]!.AsArray().Select(s => (string)s!));

        var stranger = await Api.NewCallerAsync();
        var details = await (await stranger.Client.PostJsonAsync(Sessions, $$"""{"profile_id":"{{profileId}}"}"""))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["profile_id"], details!.Keys());
    }

    [Fact]
    public async Task An_inline_profile_sets_the_steps()
    {
        var caller = await Api.NewCallerAsync();
        var body = await (await caller.Client.PostJsonAsync(Sessions, """
            {"profile":{"steps":["selfie","liveness"],"liveness_mode":"active","liveness_threshold":90,"liveness_challenges":["blink","smile"]}}
            """)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["selfie", "liveness"], body["steps"]!.AsArray().Select(s => (string)s!));
        Assert.Null(body["profile_id"]);
    }

    [Fact]
    public async Task Malformed_json_is_400()
    {
        var caller = await Api.NewCallerAsync();
        await (await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"]""")).ExpectErrorAsync(HttpStatusCode.BadRequest, "bad_request");
        await (await caller.Client.PostJsonAsync(Sessions, """["document"]""")).ExpectErrorAsync(HttpStatusCode.BadRequest, "bad_request");
        await (await caller.Client.PostJsonAsync(Sessions, "\"text\"")).ExpectErrorAsync(HttpStatusCode.BadRequest, "bad_request");
        await (await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"]} trailing""")).ExpectErrorAsync(HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task Non_utf8_bodies_are_400()
    {
        var caller = await Api.NewCallerAsync();
        var latin1 = new byte[] { (byte)'{', (byte)'"', (byte)'s', (byte)'t', (byte)'e', (byte)'p', (byte)'s', (byte)'"', (byte)':', (byte)'[', (byte)'"', 0xE9, (byte)'"', (byte)']', (byte)'}' };
        var content = new ByteArrayContent(latin1);
        content.Headers.ContentType = new("application/json");
        await (await caller.Client.PostAsync(Sessions, content)).ExpectErrorAsync(HttpStatusCode.BadRequest, "bad_request");
    }

    [Fact]
    public async Task A_non_json_content_type_is_415()
    {
        var caller = await Api.NewCallerAsync();
        var response = await caller.Client.PostAsync(Sessions, new StringContent("steps=document", Encoding.UTF8, "application/x-www-form-urlencoded"));
        await response.ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_body_over_one_MiB_is_413_with_the_limit()
    {
        var caller = await Api.NewCallerAsync();
        var huge = """{"steps":["document"],"metadata":{"a":""" + "\"" + new string('x', 1024 * 1024) + "\"}}";
        var details = await (await caller.Client.PostJsonAsync(Sessions, huge)).ExpectErrorAsync(HttpStatusCode.RequestEntityTooLarge, "payload_too_large");
        Assert.Equal(1048576, (long)details!["max_bytes"]!);
    }

    [Fact]
    public async Task Sql_looking_strings_are_stored_verbatim()
    {
        var caller = await Api.NewCallerAsync();
        const string evil = "Robert'); DROP TABLE sessions;--";
        var body = await (await caller.Client.PostJsonAsync(Sessions, new JsonObject
        {
            ["steps"] = new JsonArray("document"),
            ["reference_id"] = evil,
            ["applicant"] = new JsonObject { ["last_name"] = "O'Brien\" OR 1=1 --" },
        }.ToJsonString())).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(evil, (string?)body["reference_id"]);
        var list = await (await caller.Client.GetAsync($"{Sessions}?reference_id={Uri.EscapeDataString(evil)}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)list["meta"]!["total"]!);
        Assert.Equal("O'Brien\" OR 1=1 --", (string?)list["data"]![0]!["applicant"]!["last_name"]);
    }

    [GeneratedRegex("^ses_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")]
    private static partial Regex SessionId();

    [GeneratedRegex("^tok_[A-Za-z0-9_-]{43}$")]
    private static partial Regex SessionToken();
}

public sealed class CreateSessionTestsOnSqlite(SqliteApiFixture api) : CreateSessionTests(api), IClassFixture<SqliteApiFixture>;

public sealed class CreateSessionTestsOnPostgres(PostgresApiFixture api) : CreateSessionTests(api), IClassFixture<PostgresApiFixture>;
