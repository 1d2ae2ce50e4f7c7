using System.Net;
using SkiaSharp;
using Verilock.Checks.Samples;
using Verilock.Domain.Tests.Licences;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Verify;

/// <summary>
/// The applicant's page at <c>/verify/{token}</c>, its assets and the flow's uploads with immediate feedback
/// (spec §13, issue 7). The page's behaviour in a browser is covered by the E2E tests.
/// </summary>
public abstract class HostedPageTests(ApiFixture api) : ApiTests(api)
{
    private async Task<(ApiFixture.Caller Caller, string Id, string Token)> SessionAsync(string json, bool live = true)
    {
        var caller = await Api.NewCallerAsync(live);
        var created = await (await caller.Client.PostJsonAsync(Sessions, json)).ExpectAsync(HttpStatusCode.Created);
        return (caller, (string)created["id"]!, (string)created["session_token"]!);
    }

    [Fact]
    public async Task A_waiting_session_gets_the_flow_page_with_strict_security_headers()
    {
        var (_, _, token) = await SessionAsync("""{"steps":["document"]}""");
        var response = await Api.Anonymous.GetAsync($"/verify/{token}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"en\">", html);
        Assert.Contains($"data-token=\"{token}\"", html);
        Assert.Contains("<script src=\"/verify/assets/flow.js\" defer></script>", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", ""));
        Assert.Equal(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
            response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task The_page_speaks_french_when_asked_or_preferred()
    {
        var (_, _, token) = await SessionAsync("""{"steps":["document"]}""");
        var asked = await (await Api.Anonymous.GetAsync($"/verify/{token}?lang=fr")).Content.ReadAsStringAsync();
        Assert.Contains("<html lang=\"fr\">", asked);
        Assert.Contains("Vérifiez votre identité", asked);
        var request = new HttpRequestMessage(HttpMethod.Get, $"/verify/{token}");
        request.Headers.AcceptLanguage.ParseAdd("de-DE, fr;q=0.8, en;q=0.5");
        Assert.Contains("<html lang=\"fr\">", await (await Api.Anonymous.SendAsync(request)).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_expired_and_finished_links_get_a_clear_page()
    {
        var unknown = await Api.Anonymous.GetAsync("/verify/tok_" + new string('A', 43));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("text/html", unknown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("This verification link is not valid.", await unknown.Content.ReadAsStringAsync());

        var (_, _, expiring) = await SessionAsync("""{"steps":["document"],"expires_in":300}""");
        Api.Clock.Advance(TimeSpan.FromSeconds(301));
        var expired = await (await Api.Anonymous.GetAsync($"/verify/{expiring}")).Content.ReadAsStringAsync();
        Assert.Contains("This verification link has expired.", expired);
        Assert.DoesNotContain("flow.js", expired);

        var (caller, id, token) = await SessionAsync(
            """{"steps":["document"],"applicant":{"first_name":"Jean","last_name":"Dupont"},"redirect_url":"http://shop.example.test/back?x=1"}""", live: false);
        await (await caller.Client.PostDocumentAsync(id, File("front", Jpeg()), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        await Api.RunChecksAsync();
        var finished = await (await Api.Anonymous.GetAsync($"/verify/{token}")).Content.ReadAsStringAsync();
        Assert.Contains("Your identity has been verified.", finished);
        Assert.Contains($"href=\"http://shop.example.test/back?x=1&amp;session_id={id}&amp;status=approved\"", finished);
    }

    [Fact]
    public async Task Assets_are_served_by_the_server_itself_with_their_types()
    {
        var script = await Api.Anonymous.GetAsync("/verify/assets/flow.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Contains("/verify/${encodeURIComponent(token)}/api", await script.Content.ReadAsStringAsync());
        var etag = script.Headers.ETag!;
        var again = new HttpRequestMessage(HttpMethod.Get, "/verify/assets/flow.js");
        again.Headers.IfNoneMatch.Add(etag);
        Assert.Equal(HttpStatusCode.NotModified, (await Api.Anonymous.SendAsync(again)).StatusCode);
        Assert.Equal("text/css", (await Api.Anonymous.GetAsync("/verify/assets/flow.css")).Content.Headers.ContentType?.MediaType);
        var french = await (await Api.Anonymous.GetAsync("/verify/assets/i18n/fr.json")).JsonAsync();
        var english = await (await Api.Anonymous.GetAsync("/verify/assets/i18n/en.json")).JsonAsync();
        Assert.Equal(english.AsObject().Select(p => p.Key).Order(), french.AsObject().Select(p => p.Key).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Anonymous.GetAsync("/verify/assets/../appsettings.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Api.Anonymous.GetAsync("/verify/assets/i18n/de.json")).StatusCode);
    }

    [Fact]
    public async Task Flow_uploads_need_consent_and_answer_with_immediate_feedback()
    {
        var (_, _, token) = await SessionAsync("""{"steps":["document","selfie"]}""");
        var flow = $"/verify/{token}/api";
        Task<HttpResponseMessage> Document(byte[] image) =>
            Api.Anonymous.PostAsync($"{flow}/documents", Form(File("file", image), Field("side", "front"), Field("document_type", "passport")));

        await (await Document(Jpeg())).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Anonymous.PostJsonAsync($"{flow}/consent", """{"accepted":true}""")).StatusCode);

        var blank = await (await Document(Blank())).ExpectAsync(HttpStatusCode.OK);
        // A flat, empty picture: no zone, and nothing sharp in it either.
        Assert.Equal("""{"problems":["no_mrz","blurred"]}""", blank["feedback"]!.ToJsonString());
        Assert.Equal("front", (string?)blank["side"]);
        var passport = await (await Document(DocumentPhotographer.Photograph(SampleDocuments.All[1], PhotoCondition.Clean))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"problems":[]}""", passport["feedback"]!.ToJsonString());
        Assert.Equal((string?)blank["id"], (string?)passport["id"]);

        var noFace = await (await Api.Anonymous.PostAsync($"{flow}/selfie", Form(File("image", Blank())))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"problems":["no_face"]}""", noFace["feedback"]!.ToJsonString());
        var selfie = await (await Api.Anonymous.PostAsync($"{flow}/selfie", Form(File("image", KnownFaces.Holder.Selfie())))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"problems":[]}""", selfie["feedback"]!.ToJsonString());
        Assert.StartsWith("sel_", (string?)selfie["id"]);

        await (await Api.Anonymous.PostAsync($"{flow}/selfie", Form(File("image", Pdf())))).ExpectErrorAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task A_licence_back_is_checked_for_its_barcode_at_once()
    {
        var (_, _, token) = await SessionAsync("""{"steps":["document"]}""");
        var flow = $"/verify/{token}/api";
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Anonymous.PostJsonAsync($"{flow}/consent", """{"accepted":true}""")).StatusCode);
        Task<HttpResponseMessage> Back(byte[] image) =>
            Api.Anonymous.PostAsync($"{flow}/documents", Form(File("file", image), Field("side", "back"), Field("document_type", "driving_license")));

        var blank = await (await Back(Blank())).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"problems":["no_barcode","blurred"]}""", blank["feedback"]!.ToJsonString());
        var licence = await (await Back(LicenceBackPhotographer.Photograph(AamvaSamples.CaliforniaV10()))).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"problems":[]}""", licence["feedback"]!.ToJsonString());
        Assert.Equal("back", (string?)licence["side"]);
    }

    private static byte[] Blank()
    {
        using var bitmap = new SKBitmap(1000, 700);
        bitmap.Erase(new SKColor(200, 190, 170));
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}

public sealed class HostedPageTestsOnSqlite(SqliteApiFixture api) : HostedPageTests(api), IClassFixture<SqliteApiFixture>;

public sealed class HostedPageTestsOnPostgres(PostgresApiFixture api) : HostedPageTests(api), IClassFixture<PostgresApiFixture>;
