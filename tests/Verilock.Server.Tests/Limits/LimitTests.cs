using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Checks.Samples;
using Verilock.Server.Dashboard;
using Verilock.Server.Dashboard.Operators;
using Verilock.Server.Limits;
using Verilock.Server.Tests.Dashboard;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Limits;

/// <summary>
/// Per-address limits (unknown hosted-flow tokens, dashboard sign-ins) with the client address taken from a trusted
/// proxy only, and the bound on uploads analysed inside requests.
/// </summary>
public abstract class LimitTests(LimitsApiFixture api) : ApiTests(api)
{
    private static string UnknownToken() => "tok_" + Convert.ToHexString(Guid.NewGuid().ToByteArray()).ToLowerInvariant() + "abcdefghijk";

    /// <summary>A request from <paramref name="peer"/>, optionally claiming to forward <paramref name="forwardedFor"/>.</summary>
    private Task<HttpResponseMessage> GetAsync(string path, string peer, string? forwardedFor = null, string? forwardedProto = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Add(TestPeer.Header, peer);
        if (forwardedFor is not null)
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
            request.Headers.Add("X-Forwarded-Host", "verify.example.test");
        }
        return Api.Anonymous.SendAsync(request);
    }

    private async Task<(string Id, string Token)> SessionAsync(string json = """{"steps":["document"]}""")
    {
        var caller = await Api.NewCallerAsync();
        var created = await (await caller.Client.PostJsonAsync(Sessions, json)).ExpectAsync(HttpStatusCode.Created);
        return ((string)created["id"]!, (string)created["session_token"]!);
    }

    private static int RetryAfter(HttpResponseMessage response) => int.Parse(response.Headers.GetValues("Retry-After").Single());

    [Fact]
    public async Task The_31st_unknown_token_from_one_address_is_refused_while_real_links_and_other_addresses_keep_working()
    {
        var (_, token) = await SessionAsync();
        var guesser = TestPeer.NewAddress();
        for (var i = 0; i < 30; i++)
        {
            // Malformed tokens count too, though they never reach the database.
            var guess = i % 5 == 0 ? "tok_short" : UnknownToken();
            await (await GetAsync($"/verify/{guess}/api/session", guesser)).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        }

        var refused = await GetAsync($"/verify/{UnknownToken()}/api/session", guesser);
        var details = await refused.ExpectErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        Assert.InRange(RetryAfter(refused), 1, 60);
        Assert.Equal($$"""{"retry_after":{{RetryAfter(refused)}}}""", details!.ToJsonString());
        // The page answers in its own shape (HTML, the flow's headers) and the writing endpoints are limited alike.
        var page = await GetAsync($"/verify/{UnknownToken()}", guesser);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.InRange(RetryAfter(page), 1, 60);
        Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<h1>Too many attempts. Please wait a minute and try again.</h1>", await page.Content.ReadAsStringAsync());
        Assert.True(page.Headers.Contains("Content-Security-Policy"));
        var consent = new HttpRequestMessage(HttpMethod.Post, $"/verify/{UnknownToken()}/api/consent")
        {
            Content = new StringContent("""{"accepted":true}""", System.Text.Encoding.UTF8, "application/json"),
        };
        consent.Headers.Add(TestPeer.Header, guesser);
        await (await Api.Anonymous.SendAsync(consent)).ExpectErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");

        // Only misses count: a real link still opens from the same address.
        await (await GetAsync($"/verify/{token}/api/session", guesser)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.OK, (await GetAsync($"/verify/{token}", guesser)).StatusCode);

        // Another client behind the trusted proxy has its own count…
        await (await GetAsync($"/verify/{UnknownToken()}/api/session", TestPeer.TrustedProxy, forwardedFor: TestPeer.NewAddress()))
            .ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        // …and the proxy's word on who the client is counts: the guesser through the proxy is still limited.
        await (await GetAsync($"/verify/{UnknownToken()}/api/session", TestPeer.TrustedProxy, forwardedFor: guesser))
            .ExpectErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        // An untrusted peer's X-Forwarded-For is ignored: the guesser cannot claim another address…
        await (await GetAsync($"/verify/{UnknownToken()}/api/session", guesser, forwardedFor: TestPeer.NewAddress()))
            .ExpectErrorAsync(HttpStatusCode.TooManyRequests, "rate_limit_exceeded");
        // …nor can someone else be counted as the guesser.
        await (await GetAsync($"/verify/{UnknownToken()}/api/session", TestPeer.NewAddress(), forwardedFor: guesser))
            .ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task The_11th_sign_in_attempt_in_a_minute_from_one_address_gets_429_and_a_page_saying_why()
    {
        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        using var browser = new DashboardBrowser(Api, peer: TestPeer.NewAddress());
        for (var attempt = 0; attempt < 10; attempt++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SignInAsync($"nobody-{attempt}@example.com")).StatusCode);

        // Even the right password: the address has used its attempts.
        var refused = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.InRange(RetryAfter(refused), 1, 60);
        var html = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Too many attempts", html);
        Assert.Contains("Too many sign-in attempts came from your network. Wait a minute, then try again.", html);
        Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name == OperatorAuthentication.CookieName);
        // Showing the form is not an attempt, and another address signs in.
        await browser.GetAsync("/dashboard/login");
        using var colleague = new DashboardBrowser(Api, peer: TestPeer.NewAddress());
        await colleague.SignInOrFailAsync(email);
    }

    [Fact]
    public async Task With_every_analysis_slot_taken_a_flow_upload_gets_503_with_retry_after_and_stores_nothing()
    {
        var (_, token) = await SessionAsync("""{"steps":["document","selfie"]}""");
        var flow = $"/verify/{token}/api";
        Assert.Equal(HttpStatusCode.NoContent, (await Api.Anonymous.PostJsonAsync($"{flow}/consent", """{"accepted":true}""")).StatusCode);
        var selfie = KnownFaces.Holder.Selfie();

        // This upload takes the only slot and then waits for the rest of its body.
        var body = await HeldBody.ForAsync(Form(File("image", selfie)));
        var held = Api.Anonymous.PostAsync($"{flow}/selfie", body);
        var analysis = Api.Services.GetRequiredService<InRequestAnalysis>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (analysis.Running < 1)
        {
            Assert.True(DateTime.UtcNow < deadline, "The held upload never took its slot.");
            await Task.Delay(10);
        }

        var refused = await Api.Anonymous.PostAsync($"{flow}/documents",
            Form(File("file", Jpeg()), Field("side", "front"), Field("document_type", "passport")));
        await refused.ExpectErrorAsync(HttpStatusCode.ServiceUnavailable, "server_error");
        Assert.Equal(InRequestAnalysis.RetryAfterSeconds, RetryAfter(refused));
        var uploads = (await (await Api.Anonymous.GetAsync($"{flow}/session")).ExpectAsync(HttpStatusCode.OK))["uploads"]!;
        Assert.False((bool)uploads["document_front"]!);

        body.Release();
        var accepted = await (await held).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"problems":[]}""", accepted["feedback"]!.ToJsonString());
        Assert.Equal(0, analysis.Running);
        await (await Api.Anonymous.PostAsync($"{flow}/documents",
            Form(File("file", Jpeg()), Field("side", "front"), Field("document_type", "passport")))).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Hsts_is_sent_over_https_from_a_trusted_proxy_only()
    {
        var https = await GetAsync("/healthz", TestPeer.TrustedProxy, forwardedFor: TestPeer.NewAddress(), forwardedProto: "https");
        Assert.Equal(HttpStatusCode.OK, https.StatusCode);
        Assert.Equal("max-age=15552000", https.Headers.GetValues("Strict-Transport-Security").Single());

        var http = await GetAsync("/healthz", TestPeer.TrustedProxy, forwardedFor: TestPeer.NewAddress(), forwardedProto: "http");
        Assert.False(http.Headers.Contains("Strict-Transport-Security"));
        var untrusted = await GetAsync("/healthz", TestPeer.NewAddress(), forwardedFor: TestPeer.NewAddress(), forwardedProto: "https");
        Assert.False(untrusted.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Bound_to_loopback_the_dashboard_cookies_are_secure_when_the_request_is_https()
    {
        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);

        var plain = await CookieProbe.SignInAsync(Api, email);
        Assert.DoesNotContain("secure", plain.Antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("secure", plain.Operator, StringComparison.OrdinalIgnoreCase);

        var proxied = await CookieProbe.SignInAsync(Api, email, viaTrustedHttpsProxy: true);
        Assert.Contains("; secure", proxied.Antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", proxied.Operator, StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class LimitTestsOnSqlite(SqliteLimitsApiFixture api) : LimitTests(api), IClassFixture<SqliteLimitsApiFixture>;

public sealed class LimitTestsOnPostgres(PostgresLimitsApiFixture api) : LimitTests(api), IClassFixture<PostgresLimitsApiFixture>;

/// <summary>A server configured to listen beyond loopback: its dashboard is HTTPS only and its cookies always <c>Secure</c>.</summary>
public sealed class ExposedServerTests(ExposedApiFixture api) : ApiTests(api), IClassFixture<ExposedApiFixture>
{
    [Fact]
    public async Task Listening_beyond_loopback_the_dashboard_refuses_plain_http_and_sets_secure_cookies_over_https()
    {
        var refused = await Api.Anonymous.GetAsync("/dashboard/login");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(DashboardHttpsOnly.Message, await refused.Content.ReadAsStringAsync());
        // The hosted flow and the API are not the dashboard: they answer as ever.
        await (await Api.Anonymous.GetAsync("/healthz")).ExpectAsync(HttpStatusCode.OK);

        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        var proxied = await CookieProbe.SignInAsync(Api, email, viaTrustedHttpsProxy: true);
        Assert.Contains("; secure", proxied.Antiforgery, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", proxied.Operator, StringComparison.OrdinalIgnoreCase);
    }
}

/// <summary>
/// Signs in by hand (a cookie jar would not send a <c>Secure</c> cookie back over http) and returns the
/// <c>Set-Cookie</c> lines of the antiforgery and operator cookies.
/// </summary>
internal static class CookieProbe
{
    public static async Task<(string Antiforgery, string Operator)> SignInAsync(ApiFixture api, string email, bool viaTrustedHttpsProxy = false)
    {
        using var client = new HttpClient(api.CreateHandler()) { BaseAddress = new Uri("http://localhost") };
        if (viaTrustedHttpsProxy)
        {
            client.DefaultRequestHeaders.Add(TestPeer.Header, TestPeer.TrustedProxy);
            client.DefaultRequestHeaders.Add("X-Forwarded-For", TestPeer.NewAddress());
            client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        }
        var form = await client.GetAsync("/dashboard/login");
        Assert.True(form.IsSuccessStatusCode, $"{(int)form.StatusCode}: {await form.Content.ReadAsStringAsync()}");
        var antiforgery = form.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("verilock_antiforgery="));
        var post = new HttpRequestMessage(HttpMethod.Post, "/dashboard/login")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["email"] = email,
                ["password"] = DashboardBrowser.Password,
                ["__RequestVerificationToken"] = DashboardBrowser.AntiforgeryToken(await form.Content.ReadAsStringAsync()),
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (antiforgery, signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(OperatorAuthentication.CookieName + "=")));
    }
}

/// <summary>A request body sent in two parts, the second only when released, so its request stays in the server meanwhile.</summary>
internal sealed class HeldBody : HttpContent
{
    private readonly byte[] _bytes;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HeldBody(byte[] bytes, MediaTypeHeaderValue contentType)
    {
        _bytes = bytes;
        Headers.ContentType = contentType;
    }

    public static async Task<HeldBody> ForAsync(HttpContent content) =>
        new(await content.ReadAsByteArrayAsync(), content.Headers.ContentType!);

    public void Release() => _release.TrySetResult();

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        await stream.WriteAsync(_bytes.AsMemory(0, 64));
        await stream.FlushAsync();
        await _release.Task;
        await stream.WriteAsync(_bytes.AsMemory(64));
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
