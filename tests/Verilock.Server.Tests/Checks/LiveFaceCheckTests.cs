using System.Net;
using SkiaSharp;
using Verilock.Checks.Samples;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Checks;

/// <summary>
/// Live keys run the real face checks (spec §9): the selfie's face count and quality, the match against the
/// portrait printed on the document, passive liveness, and their risk components — on real photos.
/// </summary>
public abstract class LiveFaceCheckTests(ApiFixture api) : ApiTests(api)
{
    private const string Eriksson =
        "\"applicant\":{\"first_name\":\"Anna Maria\",\"last_name\":\"Eriksson\",\"date_of_birth\":\"1974-08-12\"}";

    private async Task<(ApiFixture.Caller Caller, string Id)> SubmitAsync(byte[] selfie, byte[]? passport, string steps, bool live = true)
    {
        var caller = await Api.NewCallerAsync(live);
        var id = await CreateAsync(caller.Client, $$"""{"steps":{{steps}},{{Eriksson}}}""");
        if (passport is not null)
            await (await caller.Client.PostDocumentAsync(id, File("front", passport), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.PostSelfieAsync(id, selfie)).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(1, await Api.RunChecksAsync(live ? TimeSpan.Zero : TimeSpan.FromSeconds(3)));
        return (caller, id);
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> SessionAsync(ApiFixture.Caller caller, string id) =>
        await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);

    [Fact]
    public async Task The_holder_s_selfie_matches_the_portrait_on_the_passport()
    {
        var (caller, id) = await SubmitAsync(KnownFaces.Holder.Selfie(), KnownFaces.Holder.Passport(SampleDocuments.Specimen),
            """["document","selfie","face_match","liveness"]""");
        var session = await SessionAsync(caller, id);
        var results = session["results"]!;
        Assert.Equal("""{"status":"approved","score":null,"details":{"face_count":1}}""", results["selfie"]!.ToJsonString());
        Assert.Equal("approved", (string?)results["document"]!["status"]);
        var match = results["face_match"]!;
        Assert.Equal("approved", (string?)match["status"]);
        var similarity = (double)match["score"]!;
        Assert.InRange(similarity, 0.80, 1.0);
        Assert.Equal(similarity, (double)match["details"]!["similarity"]!);
        Assert.Equal(similarity >= 0.90 ? "very_high" : "high", (string?)match["details"]!["label"]);

        // Passive liveness is a signal: approved at or above t = 0.75, otherwise a person looks; never declined alone.
        var liveness = results["liveness"]!;
        var score = (double)liveness["score"]!;
        Assert.Equal($$"""{"is_live":{{(score >= 0.75 ? "true" : "false")}},"mode":"passive","challenges":[]}""", liveness["details"]!.ToJsonString());
        Assert.Equal(score >= 0.75 ? "approved" : "pending", (string?)liveness["status"]);
        Assert.Equal(score >= 0.75 ? "approved" : "processing", (string?)session["status"]);

        var risk = await (await caller.Client.GetAsync($"{Sessions}/{id}/risk")).ExpectAsync(HttpStatusCode.OK);
        var components = risk["components"]!;
        Assert.Equal(similarity, (double)components["face_match"]!["details"]!["similarity"]!);
        Assert.Equal((int)Math.Round(100 * (1 - similarity), MidpointRounding.AwayFromZero), (int)components["face_match"]!["score"]!);
        Assert.Equal("passive", (string?)components["liveness"]!["details"]!["liveness_mode"]);
        Assert.Equal(score, (double)components["liveness"]!["details"]!["liveness_score"]!);
    }

    [Fact]
    public async Task Someone_else_s_selfie_is_declined_on_face_match()
    {
        var (caller, id) = await SubmitAsync(KnownFaces.Stranger.Selfie(), KnownFaces.Holder.Passport(SampleDocuments.Specimen),
            """["document","selfie","face_match"]""");
        var session = await SessionAsync(caller, id);
        Assert.Equal("declined", (string?)session["status"]);
        var match = session["results"]!["face_match"]!;
        Assert.Equal("declined", (string?)match["status"]);
        Assert.Equal("low", (string?)match["details"]!["label"]);
        Assert.True((double)match["score"]! < 0.60);
    }

    [Fact]
    public async Task A_group_photo_as_selfie_is_declined_with_its_face_count()
    {
        var (caller, id) = await SubmitAsync(FacePhotos.Read(4), KnownFaces.Holder.Passport(SampleDocuments.Specimen),
            """["document","selfie","face_match"]""");
        var session = await SessionAsync(caller, id);
        Assert.Equal("declined", (string?)session["status"]);
        Assert.Equal("""{"status":"declined","score":null,"details":{"face_count":4}}""", session["results"]!["selfie"]!.ToJsonString());
        Assert.Equal("""{"similarity":null,"label":null,"reason":"no_single_face_in_selfie"}""", session["results"]!["face_match"]!["details"]!.ToJsonString());
    }

    [Fact]
    public async Task A_dark_selfie_goes_to_a_person_with_the_gate_it_failed()
    {
        using var bright = SKBitmap.Decode(KnownFaces.Holder.Selfie());
        using var dark = new SKBitmap(bright.Width, bright.Height);
        using (var canvas = new SKCanvas(dark))
        using (var paint = new SKPaint { ColorFilter = SKColorFilter.CreateColorMatrix([0.25f, 0, 0, 0, 0, 0, 0.25f, 0, 0, 0, 0, 0, 0.25f, 0, 0, 0, 0, 0, 1, 0]) })
            canvas.DrawBitmap(bright, 0, 0, paint);
        var (caller, id) = await SubmitAsync(FaceAugmentations.Encode(dark, 90), null, """["selfie"]""");
        var session = await SessionAsync(caller, id);
        Assert.Equal("processing", (string?)session["status"]);
        Assert.Equal("review", (string?)session["decision"]);
        Assert.Equal("""["selfie_quality"]""", session["review_reasons"]!.ToJsonString());
        Assert.Equal("""{"status":"pending","score":null,"details":{"face_count":1,"quality_issues":["too_dark"]}}""", session["results"]!["selfie"]!.ToJsonString());
    }

    [Fact]
    public async Task A_selfie_that_only_looks_like_an_image_is_declined_not_retried()
    {
        var (caller, id) = await SubmitAsync(Jpeg(7), null, """["selfie"]""");
        var session = await SessionAsync(caller, id);
        Assert.Equal("declined", (string?)session["status"]);
        Assert.Equal("""{"face_count":0,"quality_issues":["unreadable_image"]}""", session["results"]!["selfie"]!["details"]!.ToJsonString());
    }

    [Fact]
    public async Task Test_keys_keep_the_simulated_results_whatever_the_images_show()
    {
        var (caller, id) = await SubmitAsync(KnownFaces.Stranger.Selfie(), KnownFaces.Holder.Passport(SampleDocuments.Specimen),
            """["document","selfie","face_match","liveness"]""", live: false);
        var results = (await SessionAsync(caller, id))["results"]!;
        Assert.Equal("""{"status":"approved","score":0.96,"details":{"similarity":0.96,"label":"very_high"}}""", results["face_match"]!.ToJsonString());
        Assert.Equal("""{"status":"approved","score":0.97,"details":{"is_live":true,"mode":"passive","challenges":[]}}""", results["liveness"]!.ToJsonString());
    }
}

public sealed class LiveFaceCheckTestsOnSqlite(SqliteApiFixture api) : LiveFaceCheckTests(api), IClassFixture<SqliteApiFixture>;

public sealed class LiveFaceCheckTestsOnPostgres(PostgresApiFixture api) : LiveFaceCheckTests(api), IClassFixture<PostgresApiFixture>;
