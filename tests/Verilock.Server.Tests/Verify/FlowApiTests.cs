using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using SkiaSharp;
using Verilock.Checks.Samples;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Verify;

/// <summary>
/// The hosted flow's token API for active liveness (spec §13): the session's challenge order, consent, the frame
/// burst, submit, and the liveness result the real check draws from the frames.
/// </summary>
public abstract class FlowApiTests(ApiFixture api) : ApiTests(api)
{
    private const string ActiveProfile =
        """{"profile":{"steps":["selfie","liveness"],"liveness_mode":"active","liveness_challenges":["head_right","head_left"]},"redirect_url":"https://shop.example.test/done?x=1"}""";

    private async Task<(ApiFixture.Caller Caller, string Id, string Flow)> ActiveSessionAsync(bool live = true)
    {
        var caller = await Api.NewCallerAsync(live);
        var created = await (await caller.Client.PostJsonAsync(Sessions, ActiveProfile)).ExpectAsync(HttpStatusCode.Created);
        return (caller, (string)created["id"]!, $"/verify/{(string)created["session_token"]!}/api");
    }

    private Task<HttpResponseMessage> PostFramesAsync(string flow, IEnumerable<byte[]> frames)
    {
        var form = new MultipartFormDataContent();
        var i = 0;
        foreach (var frame in frames)
        {
            var content = new ByteArrayContent(frame);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            form.Add(content, "frames", $"frame{i++}.jpg");
        }
        return Api.Anonymous.PostAsync($"{flow}/liveness", form);
    }

    private Task<HttpResponseMessage> ConsentAsync(string flow) => Api.Anonymous.PostJsonAsync($"{flow}/consent", """{"accepted":true}""");

    private static List<byte[]> Still(byte[] picture, int count) => Enumerable.Range(0, count).Select(i => FaceAugmentations.Jittered(picture, i)).ToList();

    [Fact]
    public async Task The_flow_sees_its_challenges_in_a_fixed_random_order_and_no_personal_data()
    {
        var (_, id, flow) = await ActiveSessionAsync();
        var first = await (await Api.Anonymous.GetAsync($"{flow}/session")).ExpectAsync(HttpStatusCode.OK);
        var challenges = first["liveness"]!["challenges"]!.AsArray().Select(c => (string)c!).ToList();
        Assert.Equal(["head_left", "head_right"], challenges.Order());
        Assert.Equal(
            $$"""{"session_id":"{{id}}","status":"created","steps":["selfie","liveness"],"document_types":["passport","id_card","driving_license","residence_permit"],"liveness":{"mode":"active","challenges":["{{challenges[0]}}","{{challenges[1]}}"]},"consent_given":false,"uploads":{"document_front":false,"document_back":false,"selfie":false,"liveness_frames":false},"expires_at":"{{first["expires_at"]}}","redirect_to":null}""",
            first.ToJsonString());
        var again = await (await Api.Anonymous.GetAsync($"{flow}/session")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(first["liveness"]!.ToJsonString(), again["liveness"]!.ToJsonString());
    }

    [Fact]
    public async Task Frames_need_consent_and_eight_to_twelve_images()
    {
        var (_, _, flow) = await ActiveSessionAsync();
        var frames = Still(KnownFaces.Holder.Selfie(), 8);
        await (await PostFramesAsync(flow, frames)).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        await (await Api.Anonymous.PostJsonAsync($"{flow}/consent", """{"accepted":false}""")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(HttpStatusCode.NoContent, (await ConsentAsync(flow)).StatusCode);

        var tooFew = await (await PostFramesAsync(flow, frames.Take(7))).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.NotNull(tooFew!["frames"]);
        await (await PostFramesAsync(flow, frames.Take(7).Append(Pdf()))).ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
        var uploaded = await (await PostFramesAsync(flow, frames)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"status":"uploaded","frame_count":8}""", uploaded.ToJsonString());
        var session = await (await Api.Anonymous.GetAsync($"{flow}/session")).ExpectAsync(HttpStatusCode.OK);
        Assert.True((bool)session["consent_given"]!);
        Assert.True((bool)session["uploads"]!["liveness_frames"]!);
    }

    [Fact]
    public async Task Submitting_an_active_session_without_frames_is_refused_on_liveness()
    {
        var (caller, id, flow) = await ActiveSessionAsync();
        await (await caller.Client.PostSelfieAsync(id, KnownFaces.Holder.Selfie())).ExpectAsync(HttpStatusCode.OK);
        await (await Api.Anonymous.PostAsync($"{flow}/submit", null)).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(HttpStatusCode.NoContent, (await ConsentAsync(flow)).StatusCode);
        var refused = await (await Api.Anonymous.PostAsync($"{flow}/submit", null)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.NotNull(refused!["liveness"]);
    }

    [Fact]
    public async Task A_head_that_never_turns_fails_its_challenges_and_is_declined()
    {
        var (caller, id, flow) = await ActiveSessionAsync();
        var selfie = KnownFaces.Holder.Selfie();
        await (await caller.Client.PostSelfieAsync(id, selfie)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await ConsentAsync(flow)).StatusCode);
        await (await PostFramesAsync(flow, Still(selfie, 10))).ExpectAsync(HttpStatusCode.OK);
        var submitted = await (await Api.Anonymous.PostAsync($"{flow}/submit", null)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal($"https://shop.example.test/done?x=1&session_id={id}&status=processing", (string?)submitted["redirect_to"]);
        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.Zero));

        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("declined", (string?)session["status"]);
        var liveness = session["results"]!["liveness"]!;
        Assert.Equal("declined", (string?)liveness["status"]);
        Assert.True((double)liveness["score"]! < 0.5);
        var order = (await (await Api.Anonymous.GetAsync($"{flow}/session")).ExpectAsync(HttpStatusCode.OK))["liveness"]!["challenges"]!;
        Assert.Equal(
            $$"""{"is_live":false,"mode":"active","challenges":[{"challenge":"{{order[0]}}","passed":false},{"challenge":"{{order[1]}}","passed":false}]}""",
            liveness["details"]!.ToJsonString());
    }

    [Fact]
    public async Task Turning_left_and_right_in_the_session_s_order_passes()
    {
        var (caller, id, flow) = await ActiveSessionAsync();
        var selfie = KnownFaces.Turned.Selfie();
        using var bitmap = SKBitmap.Decode(selfie);
        var mirrored = FaceAugmentations.Mirrored(bitmap);
        // Negative yaw is the applicant's own left in an unmirrored frame (docs/face-matching.md).
        var analyzer = Api.Services.GetRequiredService<Verilock.Server.Checks.CheckModels>().Faces;
        var (left, right) = analyzer.ObserveFrame(selfie).Yaw < 0 ? (selfie, mirrored) : (mirrored, selfie);
        var order = (await (await Api.Anonymous.GetAsync($"{flow}/session")).ExpectAsync(HttpStatusCode.OK))["liveness"]!["challenges"]!
            .AsArray().Select(c => (string)c!).ToList();
        var frames = order.SelectMany(challenge => Still(challenge == "head_left" ? left : right, 5)).ToList();

        await (await caller.Client.PostSelfieAsync(id, selfie)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await ConsentAsync(flow)).StatusCode);
        await (await PostFramesAsync(flow, frames)).ExpectAsync(HttpStatusCode.OK);
        await (await Api.Anonymous.PostAsync($"{flow}/submit", null)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, await Api.RunChecksAsync(TimeSpan.Zero));

        var liveness = (await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK))["results"]!["liveness"]!;
        Assert.Equal(
            $$"""{"is_live":true,"mode":"active","challenges":[{"challenge":"{{order[0]}}","passed":true},{"challenge":"{{order[1]}}","passed":true}]}""",
            liveness["details"]!.ToJsonString());
        Assert.Equal("approved", (string?)liveness["status"]);
    }

    [Fact]
    public async Task Unknown_tokens_and_redacted_sessions_are_not_found_and_frames_go_with_redaction()
    {
        await (await Api.Anonymous.GetAsync("/verify/tok_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/api/session")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await Api.Anonymous.GetAsync("/verify/nonsense/api/session")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");

        var (caller, id, flow) = await ActiveSessionAsync(live: false);
        Assert.Equal(HttpStatusCode.NoContent, (await ConsentAsync(flow)).StatusCode);
        await (await PostFramesAsync(flow, Enumerable.Range(0, 8).Select(i => Jpeg(i)))).ExpectAsync(HttpStatusCode.OK);
        var frameKeys = await Api.WithDbAsync(async db =>
            (await db.Sessions.FindAsync(id))!.Liveness!.Frames.Select(f => f.StorageKey).ToList());
        Assert.Equal(8, frameKeys.Count);

        Assert.Equal(HttpStatusCode.NoContent, (await caller.Client.DeleteAsync($"{Sessions}/{id}")).StatusCode);
        await (await Api.Anonymous.GetAsync($"{flow}/session")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        var store = Api.Services.GetRequiredService<Verilock.Infrastructure.Media.MediaStore>();
        foreach (var key in frameKeys)
            Assert.Null(await store.ReadAsync(key, CancellationToken.None));
    }

    [Fact]
    public async Task An_expired_session_refuses_flow_writes()
    {
        var (_, _, flow) = await ActiveSessionAsync(live: false);
        Api.Clock.Advance(TimeSpan.FromHours(2));
        await (await ConsentAsync(flow)).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        var session = await (await Api.Anonymous.GetAsync($"{flow}/session")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("expired", (string?)session["status"]);
    }

    [Fact]
    public async Task Each_token_gets_sixty_requests_a_minute()
    {
        var (_, _, flow) = await ActiveSessionAsync(live: false);
        for (var i = 0; i < 60; i++)
            await (await Api.Anonymous.GetAsync($"{flow}/session")).ExpectAsync(HttpStatusCode.OK);
        var limited = await Api.Anonymous.GetAsync($"{flow}/session");
        await limited.ExpectErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.True(limited.Headers.RetryAfter is not null);
        var (_, _, other) = await ActiveSessionAsync(live: false);
        await (await Api.Anonymous.GetAsync($"{other}/session")).ExpectAsync(HttpStatusCode.OK);
    }
}

public sealed class FlowApiTestsOnSqlite(SqliteApiFixture api) : FlowApiTests(api), IClassFixture<SqliteApiFixture>;

public sealed class FlowApiTestsOnPostgres(PostgresApiFixture api) : FlowApiTests(api), IClassFixture<PostgresApiFixture>;
