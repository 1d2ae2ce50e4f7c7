using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Checks.Samples;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Faces;

/// <summary>
/// <c>POST /auth/biometric</c> and <c>GET /auth/biometric/{id}</c> (spec §20): a returning person's photo against an
/// approved session's face template, on the check workers; the sandbox's outcomes by file name; every refusal a 422
/// naming its field; the photo examined once and deleted; redaction and the per-session limit.
/// </summary>
public abstract class BiometricTests(ApiFixture api) : ApiTests(api)
{
    private const string Biometric = "/api/v1/auth/biometric";
    private const string Eriksson =
        "\"applicant\":{\"first_name\":\"Anna Maria\",\"last_name\":\"Eriksson\",\"date_of_birth\":\"1974-08-12\"}";

    private async Task<(ApiFixture.Caller Caller, string Id)> ApprovedAsync(bool live)
    {
        var caller = await Api.NewCallerAsync(live);
        var id = await CreateAsync(caller.Client, $$"""{"steps":["document","selfie","face_match"],{{Eriksson}}}""");
        await (await caller.Client.PostDocumentAsync(id, File("front", KnownFaces.Holder.Passport(SampleDocuments.Specimen)), Field("type", "passport")))
            .ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.PostSelfieAsync(id, KnownFaces.Holder.Selfie())).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, await Api.RunChecksAsync(live ? TimeSpan.Zero : TimeSpan.FromSeconds(3)));
        Assert.Equal("approved", (string?)(await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK))["status"]);
        return (caller, id);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, params (string, object, string?)[] parts) =>
        client.PostAsync(Biometric, Form(parts));

    private async Task<JsonNode> CheckAsync(ApiFixture.Caller caller, string sessionId, byte[] photo, string fileName = "photo.jpg",
        params (string, object, string?)[] more)
    {
        var started = await (await PostAsync(caller.Client, [Field("session_id", sessionId), File("file", photo, fileName), .. more]))
            .ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.Zero));
        return await (await caller.Client.GetAsync($"{Biometric}/{started["id"]}")).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_same_person_matches_their_approved_session_and_a_stranger_does_not()
    {
        var (caller, id) = await ApprovedAsync(live: true);
        var started = await (await PostAsync(caller.Client, Field("session_id", id),
                File("file", FaceAugmentations.CropAround(FacePhotos.Read(KnownFaces.Holder.Photo), KnownFaces.Holder.X, KnownFaces.Holder.Y,
                    KnownFaces.Holder.Width, KnownFaces.Holder.Height, margin: 0.5f)),
                Field("device_info", """{"platform":"ios","app_version":"4.2"}""")))
            .ExpectAsync(HttpStatusCode.Accepted);
        var checkId = (string)started["id"]!;
        Assert.Matches("^bio_[0-9a-f-]{36}$", checkId);
        Assert.Equal($$"""{"id":"{{checkId}}","status":"processing","message":"Biometric authentication started."}""", started.ToJsonString());
        var pending = await (await caller.Client.GetAsync($"{Biometric}/{checkId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("processing", (string?)pending["status"]);
        Assert.Equal("pending", (string?)pending["result"]);

        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.Zero));
        var done = await (await caller.Client.GetAsync($"{Biometric}/{checkId}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["id", "session_id", "status", "result", "similarity", "liveness_score", "liveness_passed", "threshold_used", "error",
            "quality_issues", "created_at", "completed_at"], done.AsObject().Select(p => p.Key));
        Assert.Equal("completed", (string?)done["status"]);
        Assert.Equal(id, (string?)done["session_id"]);
        Assert.Equal(80.0, (double)done["threshold_used"]!);
        var similarity = (double)done["similarity"]!;
        Assert.InRange(similarity, 80, 100);
        var livenessPassed = (bool)done["liveness_passed"]!;
        Assert.Equal(livenessPassed ? "match" : "no_match", (string?)done["result"]);
        Assert.Null(done["error"]);

        var stranger = await CheckAsync(caller, id, KnownFaces.Stranger.Selfie());
        Assert.Equal("no_match", (string?)stranger["result"]);
        Assert.True((double)stranger["similarity"]! < 60, stranger.ToJsonString());
    }

    [Fact]
    public async Task A_photo_without_a_face_is_an_error_and_is_deleted_once_examined()
    {
        var (caller, id) = await ApprovedAsync(live: true);
        var started = await (await PostAsync(caller.Client, Field("session_id", id), File("file", FaceAugmentations.Encode(Blank(), 90))))
            .ExpectAsync(HttpStatusCode.Accepted);
        var photoKey = await Api.WithDbAsync(db => db.BiometricChecks.Where(c => c.Id == (string)started["id"]!).Select(c => c.PhotoStorageKey).SingleAsync());
        Assert.NotNull(photoKey);
        Assert.True(await Api.WithDbAsync(db => db.MediaDataKeys.AnyAsync(k => k.StorageKey == photoKey)));

        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.Zero));
        var done = await (await caller.Client.GetAsync($"{Biometric}/{started["id"]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("error", (string?)done["result"]);
        Assert.Equal("no_face", (string?)done["error"]);
        Assert.Null(done["similarity"]);
        Assert.False(await Api.WithDbAsync(db => db.MediaDataKeys.AnyAsync(k => k.StorageKey == photoKey)));
        Assert.Null(await Api.WithDbAsync(db => db.BiometricChecks.Where(c => c.Id == (string)started["id"]!).Select(c => c.PhotoStorageKey).SingleAsync()));
    }

    private static SkiaSharp.SKBitmap Blank()
    {
        var bitmap = new SkiaSharp.SKBitmap(480, 640);
        bitmap.Erase(new SkiaSharp.SKColor(200, 190, 180));
        return bitmap;
    }

    [Fact]
    public async Task Test_keys_pick_the_outcome_from_the_file_name_and_raise_biometric_completed()
    {
        var (caller, id) = await ApprovedAsync(live: false);
        var match = await CheckAsync(caller, id, Jpeg(1));
        Assert.Equal("match", (string?)match["result"]);
        Assert.Equal(96.5, (double)match["similarity"]!);
        Assert.Equal(97.0, (double)match["liveness_score"]!);
        Assert.Equal("no_match", (string?)(await CheckAsync(caller, id, Jpeg(2), "nomatch.jpg"))["result"]);
        var spoof = await CheckAsync(caller, id, Jpeg(3), "SPOOF-attempt.png");
        Assert.Equal("no_match", (string?)spoof["result"]);
        Assert.False((bool)spoof["liveness_passed"]!);
        var noFace = await CheckAsync(caller, id, Jpeg(4), "noface.jpg");
        Assert.Equal("error", (string?)noFace["result"]);
        Assert.Equal("no_face", (string?)noFace["error"]);
        Assert.Equal("several_faces", (string?)(await CheckAsync(caller, id, Jpeg(5), "multiface.jpg"))["error"]);
        // A threshold above the sandbox's similarity turns a match into no match.
        Assert.Equal("no_match", (string?)(await CheckAsync(caller, id, Jpeg(6), "photo.jpg", Field("threshold", "99")))["result"]);

        var events = await Api.WithDbAsync(db => db.OutboxEvents.Where(e => e.SessionId == id && e.Type == "biometric.completed").ToListAsync());
        Assert.Equal(6, events.Count);
        var data = JsonNode.Parse(events.Select(e => e.Payload!).First(d => d.Contains((string)match["id"]!, StringComparison.Ordinal)))!;
        Assert.Equal($$"""{"biometric_id":"{{match["id"]}}","session_id":"{{id}}","result":"match","similarity":96.5,"liveness_score":97,"liveness_passed":true,"threshold_used":80,"error":null,"livemode":false}""",
            data.ToJsonString());
        var audit = await Api.WithDbAsync(db => db.AuditLog.Where(a => a.SessionId == id && a.Action == AuditActions.BiometricChecked).ToListAsync());
        Assert.Equal(6, audit.Count);
        Assert.All(audit, a => Assert.Equal(Guid.Empty, a.OperatorId));
        Assert.All(audit, a => Assert.StartsWith("bio_", a.Detail));
    }

    [Fact]
    public async Task The_session_s_dashboard_page_lists_its_biometric_checks_and_its_template()
    {
        var (caller, id) = await ApprovedAsync(live: true);
        var check = await CheckAsync(caller, id, Jpeg(1));
        var email = await Dashboard.DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        using var browser = new Dashboard.DashboardBrowser(Api);
        await browser.SignInOrFailAsync(email);
        var page = await browser.GetAsync($"/dashboard/sessions/{id}");
        Assert.Contains("<h2 id=\"biometrics-heading\">Face re-authentication</h2>", page);
        Assert.Matches("<dt>Face template</dt>\\s*<dd>Enrolled</dd>", page);
        Assert.Contains((string)check["id"]!, page);
    }

    [Fact]
    public async Task Bad_requests_get_a_422_naming_the_field_and_store_nothing()
    {
        var (caller, id) = await ApprovedAsync(live: false);
        var other = await Api.NewCallerAsync(live: false);
        var created = await CreateAsync(caller.Client, """{"steps":["selfie"]}""");

        async Task Refused(string field, string message, params (string, object, string?)[] parts)
        {
            var body = await (await PostAsync(caller.Client, parts)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
            Assert.Equal($$"""{"{{field}}":["{{message}}"]}""", body!.ToJsonString());
        }

        await Refused("session_id", "The session_id field is required.", File("file", Jpeg(1)));
        await Refused("file", "The file field is required: a JPEG or PNG photo of the person\\u0027s face.", Field("session_id", id));
        await Refused("threshold", "The threshold must be a number from 50 to 100.", Field("session_id", id), File("file", Jpeg(1)), Field("threshold", "49"));
        await Refused("threshold", "The threshold must be a number from 50 to 100.", Field("session_id", id), File("file", Jpeg(1)), Field("threshold", "100.5"));
        await Refused("threshold", "The threshold must be a number from 50 to 100.", Field("session_id", id), File("file", Jpeg(1)), Field("threshold", "high"));
        await Refused("device_info", "The device_info field must be a JSON object.", Field("session_id", id), File("file", Jpeg(1)), Field("device_info", "[1,2]"));
        await Refused("session_id", "No such session.", Field("session_id", "ses_00000000-0000-0000-0000-000000000000"), File("file", Jpeg(1)));
        await Refused("session_id", "The session is created; only an approved session\\u0027s face can be re-authenticated.",
            Field("session_id", created), File("file", Jpeg(1)));
        var otherBody = await (await PostAsync(other.Client, Field("session_id", id), File("file", Jpeg(1))))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal("""{"session_id":["No such session."]}""", otherBody!.ToJsonString());
        await (await PostAsync(caller.Client, Field("session_id", id), File("file", Pdf(1))))
            .ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");

        Assert.Equal(0, await Api.WithDbAsync(db => db.BiometricChecks.CountAsync(c => c.SessionId == id || c.SessionId == created)));
        Assert.Equal(0, await Api.RunChecksAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task A_live_session_whose_template_is_gone_cannot_be_re_authenticated()
    {
        var (caller, id) = await ApprovedAsync(live: true);
        await Api.WithDbAsync(db => db.FaceTemplates.Where(t => t.SessionId == id)
            .ExecuteUpdateAsync(t => t.SetProperty(x => x.State, Domain.Faces.FaceTemplateState.Removed)));
        var body = await (await PostAsync(caller.Client, Field("session_id", id), File("file", KnownFaces.Holder.Selfie())))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal("""{"session_id":["The session has no face template: it was verified without a selfie, or before face templates were kept."]}""",
            body!.ToJsonString());
    }

    [Fact]
    public async Task A_template_made_before_flip_averaging_is_refused_as_another_model_s()
    {
        var (caller, id) = await ApprovedAsync(live: true);
        var current = Api.Services.GetRequiredService<Verilock.Server.Checks.CheckModels>().Faces.EmbeddingModel;
        Assert.EndsWith(Verilock.Checks.Faces.FaceAnalyzer.FlipAveraged, current);
        // The single-view embedder's id: the same file, before embeddings were averaged with the mirror image's.
        var singleView = current[..^Verilock.Checks.Faces.FaceAnalyzer.FlipAveraged.Length];
        await Api.WithDbAsync(db => db.FaceTemplates.Where(t => t.SessionId == id).ExecuteUpdateAsync(t => t.SetProperty(x => x.Model, singleView)));
        var body = await (await PostAsync(caller.Client, Field("session_id", id), File("file", KnownFaces.Holder.Selfie())))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["session_id"], body!.AsObject().Select(p => p.Key));
        Assert.Equal("The session's face template was made by another face model and cannot be compared; verify the person again with a new session.",
            (string?)Assert.Single(body["session_id"]!.AsArray()));
        Assert.Equal(0, await Api.RunChecksAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task Another_account_s_check_is_not_found()
    {
        var (caller, id) = await ApprovedAsync(live: false);
        var check = await CheckAsync(caller, id, Jpeg(1));
        var other = await Api.NewCallerAsync(live: false);
        await (await other.Client.GetAsync($"{Biometric}/{check["id"]}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        var otherMode = await Api.NewCallerAsync(live: true, accountName: caller.AccountName);
        await (await otherMode.Client.GetAsync($"{Biometric}/{check["id"]}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_session_s_face_can_be_tried_ten_times_an_hour()
    {
        var (caller, id) = await ApprovedAsync(live: false);
        for (var i = 0; i < 10; i++)
            await (await PostAsync(caller.Client, Field("session_id", id), File("file", Jpeg(i)))).ExpectAsync(HttpStatusCode.Accepted);
        var refused = await PostAsync(caller.Client, Field("session_id", id), File("file", Jpeg(11)));
        var body = await refused.ExpectErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        var retryAfter = int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 3500, 3600);
        Assert.Equal(retryAfter, (int)body!["retry_after"]!);
        Api.Clock.Advance(TimeSpan.FromHours(1));
        await (await PostAsync(caller.Client, Field("session_id", id), File("file", Jpeg(12)))).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(11, await Api.RunChecksAsync(TimeSpan.Zero));
    }

    [Fact]
    public async Task Redacting_the_session_removes_waiting_photos_and_device_details()
    {
        var (caller, id) = await ApprovedAsync(live: false);
        var started = await (await PostAsync(caller.Client, Field("session_id", id), File("file", Jpeg(1)), Field("device_info", """{"imei":"35-209900-176148-1"}""")))
            .ExpectAsync(HttpStatusCode.Accepted);
        var photoKey = await Api.WithDbAsync(db => db.BiometricChecks.Where(c => c.Id == (string)started["id"]!).Select(c => c.PhotoStorageKey).SingleAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Sessions}/{id}")).StatusCode);

        var check = await Api.WithDbAsync(db => db.BiometricChecks.AsNoTracking().SingleAsync(c => c.Id == (string)started["id"]!));
        Assert.Null(check.DeviceInfo);
        Assert.Null(check.PhotoStorageKey);
        Assert.False(await Api.WithDbAsync(db => db.MediaDataKeys.AnyAsync(k => k.StorageKey == photoKey)));
        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.Zero));
        var done = await (await caller.Client.GetAsync($"{Biometric}/{started["id"]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("error", (string?)done["result"]);
    }
}

public sealed class BiometricTestsOnSqlite(SqliteApiFixture api) : BiometricTests(api), IClassFixture<SqliteApiFixture>;

public sealed class BiometricTestsOnPostgres(PostgresApiFixture api) : BiometricTests(api), IClassFixture<PostgresApiFixture>;
