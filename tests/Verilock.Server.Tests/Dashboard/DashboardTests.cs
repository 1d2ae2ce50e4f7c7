using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Dashboard;

/// <summary>The operator dashboard over HTTP: sign-in, lockout, CSRF, scoping, the audit log, decisions and keys.</summary>
public abstract partial class DashboardTests(ApiFixture api) : ApiTests(api)
{
    private async Task<(ApiFixture.Caller Caller, DashboardBrowser Browser)> SignedInOperatorAsync(bool live = false)
    {
        var caller = await Api.NewCallerAsync(live);
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        var browser = new DashboardBrowser(Api);
        await browser.SignInOrFailAsync(email);
        if (!live)
            await SwitchToTestModeAsync(browser);
        return (caller, browser);
    }

    private static async Task SwitchToTestModeAsync(DashboardBrowser browser)
    {
        var page = await browser.GetAsync("/dashboard/sessions");
        var response = await browser.PostFormAsync("/dashboard/preferences/mode", page, ("live", "false"), ("returnUrl", "/dashboard/sessions"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [Fact]
    public async Task Signing_in_sets_a_strict_http_only_cookie_and_opens_the_sessions_page()
    {
        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        using var browser = new DashboardBrowser(Api);

        var anonymous = await browser.GetResponseAsync("/dashboard/sessions");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("http://localhost/dashboard/login", anonymous.Headers.Location!.ToString());

        var response = await browser.SignInAsync(email.ToUpperInvariant());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/sessions", response.Headers.Location!.ToString());
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("verilock_operator="));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);

        var sessions = await browser.GetResponseAsync("/dashboard/sessions");
        Assert.Equal(HttpStatusCode.OK, sessions.StatusCode);
        Assert.Contains("<h1>Sessions</h1>", await sessions.Content.ReadAsStringAsync());
        Assert.Equal("default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; " +
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'",
            sessions.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", sessions.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("no-referrer", sessions.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("nosniff", sessions.Headers.GetValues("X-Content-Type-Options").Single());

        // The cookie opens no API endpoint: the API still wants a key and answers in its own shape.
        var api = await browser.GetResponseAsync("/api/v1/sessions");
        await api.ExpectErrorAsync(HttpStatusCode.Unauthorized, "authentication_error");
        Assert.False(api.Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task A_wrong_password_shows_the_message_and_five_in_a_row_lock_the_operator_for_fifteen_minutes()
    {
        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        using var browser = new DashboardBrowser(Api);

        var unknown = await browser.SignInAsync("nobody@example.com");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("Sign-in failed.", await unknown.Content.ReadAsStringAsync());
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var wrong = await browser.SignInAsync(email, "not the password at all");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
            Assert.Contains("Sign-in failed.", await wrong.Content.ReadAsStringAsync());
            Assert.DoesNotContain(browser.Cookies.GetAllCookies(), c => c.Name == "verilock_operator");
        }

        var locked = await browser.SignInAsync(email);
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Api.Clock.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SignInAsync(email)).StatusCode);
        Api.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SignInAsync(email)).StatusCode);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused_with_an_html_page_and_changes_nothing()
    {
        var (caller, browser) = await SignedInOperatorAsync();
        using var _ = browser;
        var id = await CreateAsync(caller.Client, """{"steps":["document","selfie","face_match"]}""");
        await Api.PutInReviewAsync(id);

        var forged = await browser.PostWithoutTokenAsync($"/dashboard/sessions/{id}?handler=Decide", ("decision", "approved"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.StartsWith("text/html", forged.Content.Headers.ContentType!.ToString());
        Assert.Contains("The form could not be accepted", await forged.Content.ReadAsStringAsync());
        var keys = await browser.PostWithoutTokenAsync("/dashboard/keys?handler=Create");
        Assert.Equal(HttpStatusCode.BadRequest, keys.StatusCode);

        var session = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("processing", (string?)session["status"]);
        Assert.Equal(1, await Api.WithDbAsync(db => db.ApiKeys.CountAsync(k => k.AccountId == caller.AccountId)));

        // A token from another operator's page does not do either.
        var (_, other) = await SignedInOperatorAsync();
        using var __ = other;
        var foreignToken = DashboardBrowser.AntiforgeryToken(await other.GetAsync("/dashboard/sessions"));
        var crossed = await browser.PostWithoutTokenAsync($"/dashboard/sessions/{id}?handler=Decide",
            ("decision", "approved"), ("__RequestVerificationToken", foreignToken));
        Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);
    }

    [Fact]
    public async Task Another_accounts_or_modes_ids_are_an_html_404_page()
    {
        var (caller, browser) = await SignedInOperatorAsync();
        using var _ = browser;
        var stranger = await Api.NewCallerAsync();
        var foreign = await CreateAsync(stranger.Client);
        await stranger.Client.PostDocumentAsync(foreign, Uploads.File("file", Uploads.Jpeg()), Uploads.Field("side", "front"));
        var own = await CreateAsync(caller.Client);

        Assert.Contains("Page not found", await browser.GetAsync($"/dashboard/sessions/{foreign}", HttpStatusCode.NotFound));
        await browser.GetAsync($"/dashboard/sessions/{foreign}/media/document-front", HttpStatusCode.NotFound);
        await browser.GetAsync("/dashboard/sessions/ses_00000000-0000-4000-8000-000000000000", HttpStatusCode.NotFound);
        await browser.GetAsync("/dashboard/aml/aml_00000000-0000-4000-8000-000000000000", HttpStatusCode.NotFound);
        await browser.GetAsync("/dashboard/no-such-page", HttpStatusCode.NotFound);
        await browser.GetAsync($"/dashboard/sessions/{own}");
        var list = await browser.GetAsync("/dashboard/sessions");
        Assert.Contains(own, list);
        Assert.DoesNotContain(foreign, list);

        // The same operator in live mode does not see the account's test sessions.
        var page = await browser.GetAsync($"/dashboard/sessions/{own}");
        await browser.PostFormAsync("/dashboard/preferences/mode", page, ("live", "true"), ("returnUrl", "/dashboard/sessions"));
        await browser.GetAsync($"/dashboard/sessions/{own}", HttpStatusCode.NotFound);
        Assert.DoesNotContain(own, await browser.GetAsync("/dashboard/sessions"));

        // The API's unknown routes keep their JSON 404.
        await (await Api.Anonymous.GetAsync("/no-such-route")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Viewing_an_image_serves_it_uncached_and_writes_an_audit_row()
    {
        var (caller, browser) = await SignedInOperatorAsync();
        using var _ = browser;
        var id = await CreateAsync(caller.Client, """{"steps":["document","selfie"]}""");
        var front = Uploads.Jpeg(seed: 7);
        await (await caller.Client.PostDocumentAsync(id, Uploads.File("file", front), Uploads.Field("side", "front"))).ExpectAsync(HttpStatusCode.OK);

        var detail = await browser.GetAsync($"/dashboard/sessions/{id}");
        Assert.Contains($"/dashboard/sessions/{id}/media/document-front", detail);
        Assert.Equal(0, await AuditRowsAsync(id));

        var image = await browser.GetResponseAsync($"/dashboard/sessions/{id}/media/document-front");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal(front, await image.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", image.Headers.CacheControl!.ToString());
        Assert.Equal("attachment; filename=document-front.jpg", image.Content.Headers.ContentDisposition!.ToString());
        Assert.Equal("sandbox", image.Headers.GetValues("Content-Security-Policy").Single());

        var rows = await Api.WithDbAsync(db => db.AuditLog.Where(e => e.SessionId == id).ToListAsync());
        var row = Assert.Single(rows);
        Assert.Equal(AuditActions.MediaViewed, row.Action);
        Assert.Equal("document-front", row.Detail);
        Assert.Equal(caller.AccountId, row.AccountId);
        Assert.Equal(Api.NowText(), row.OccurredAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"));
        var op = await Api.WithDbAsync(db => db.Operators.SingleAsync(o => o.Id == row.OperatorId));
        Assert.Equal(caller.AccountId, op.AccountId);

        await browser.GetAsync($"/dashboard/sessions/{id}/media/selfie", HttpStatusCode.NotFound);
        await browser.GetAsync($"/dashboard/sessions/{id}/media/anything", HttpStatusCode.NotFound);
        Assert.Equal(1, await AuditRowsAsync(id));

        // Signed out, the image is not served at all.
        using var anonymous = new DashboardBrowser(Api);
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetResponseAsync($"/dashboard/sessions/{id}/media/document-front")).StatusCode);
    }

    private Task<int> AuditRowsAsync(string sessionId) => Api.WithDbAsync(db => db.AuditLog.CountAsync(e => e.SessionId == sessionId));

    [Fact]
    public async Task Approving_from_the_review_queue_changes_the_session_exactly_as_the_api_does()
    {
        var (caller, browser) = await SignedInOperatorAsync();
        using var _ = browser;
        var id = await CreateAsync(caller.Client, """{"steps":["document","selfie","face_match"],"applicant":{"first_name":"Jean","last_name":"Review"}}""");
        await Api.PutInReviewAsync(id);
        var untouched = await CreateAsync(caller.Client);

        var queue = await browser.GetAsync("/dashboard/review");
        Assert.Contains(id, queue);
        Assert.DoesNotContain(untouched, queue);
        Assert.Contains("Face match inconclusive", queue);

        Api.Clock.Advance(TimeSpan.FromMinutes(5));
        var decidedAt = Api.NowText();
        var detail = await browser.GetAsync($"/dashboard/sessions/{id}");
        var response = await browser.PostFormAsync($"/dashboard/sessions/{id}?handler=Decide", detail,
            ("decision", "approved"), ("reason", "Document checked by hand"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("The session was approved.", await browser.GetAsync(response.Headers.Location!.ToString()));

        var body = await (await caller.Client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", (string?)body["status"]);
        Assert.Equal("approved", (string?)body["decision"]);
        Assert.Equal("approved", (string?)body["results"]!["face_match"]!["status"]);
        Assert.Matches("^op_[0-9a-f]{12}$", (string?)body["decided_by"]);
        Assert.Equal("Document checked by hand", (string?)body["decision_reason"]);
        Assert.Equal(decidedAt, (string?)body["decided_at"]);
        Assert.Equal(decidedAt, (string?)body["completed_at"]);
        Assert.Equal(15, (int)body["risk_score"]!);
        Assert.Equal(["session.created", "session.processing", "session.review_required", "session.completed", "session.approved"],
            await Api.EventTypesAsync(id));
        var audit = await Api.WithDbAsync(db => db.AuditLog.SingleAsync(e => e.SessionId == id));
        Assert.Equal((AuditActions.SessionDecided, "approved"), (audit.Action, audit.Detail));

        Assert.DoesNotContain(id, await browser.GetAsync("/dashboard/review"));
        // Deciding again the other way is the API's 409, shown on the page; nothing changes.
        var again = await browser.PostFormAsync($"/dashboard/sessions/{id}?handler=Decide", detail, ("decision", "declined"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("a final decision cannot be reversed", await again.Content.ReadAsStringAsync());
        Assert.Equal(5, (await Api.EventTypesAsync(id)).Count);
        Assert.Equal(1, await AuditRowsAsync(id));
    }

    [Fact]
    public async Task A_new_api_key_is_shown_once_and_works()
    {
        var (caller, browser) = await SignedInOperatorAsync();
        using var _ = browser;
        var page = await browser.GetAsync("/dashboard/keys");
        Assert.Contains(caller.Key[..16], page);

        var created = await browser.PostFormAsync("/dashboard/keys?handler=Create", page);
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.True(created.Headers.CacheControl!.NoStore);
        var html = await created.Content.ReadAsStringAsync();
        var key = NewKey().Match(html).Groups[1].Value;
        Assert.Matches("^qi_test_[0-9a-f]{48}$", key);

        var later = await browser.GetAsync("/dashboard/keys");
        Assert.DoesNotContain(key, later);
        Assert.Contains(key[..16], later);
        using var client = Api.ClientWithKey(key);
        var list = await (await client.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
        Assert.NotNull(list["data"]);
        var stored = await Api.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Prefix == key.Substring(0, 16)));
        Assert.Equal(caller.AccountId, stored.AccountId);
        Assert.False(stored.LiveMode);
        Assert.Equal(1, await Api.WithDbAsync(db => db.AuditLog.CountAsync(e => e.Action == AuditActions.ApiKeyCreated && e.AccountId == caller.AccountId)));

        // Revoking: the row is marked; another account's key id is not found.
        var revoke = await browser.PostFormAsync("/dashboard/keys?handler=Revoke", later, ("keyId", stored.Id.ToString()));
        Assert.Equal(HttpStatusCode.Redirect, revoke.StatusCode);
        Assert.NotNull((await Api.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Id == stored.Id))).RevokedAt);
        // At once, not after the cache's lifetime: the key was used (and cached) a moment ago.
        await (await client.GetAsync(Sessions)).ExpectErrorAsync(HttpStatusCode.Unauthorized, "authentication_error");
        var strangerKey = await Api.WithDbAsync(db => db.ApiKeys.FirstAsync(k => k.AccountId != caller.AccountId && k.RevokedAt == null));
        var foreign = await browser.PostFormAsync("/dashboard/keys?handler=Revoke", later, ("keyId", strangerKey.Id.ToString()));
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Null((await Api.WithDbAsync(db => db.ApiKeys.SingleAsync(k => k.Id == strangerKey.Id))).RevokedAt);
    }

    [GeneratedRegex("data-testid=\"new-key\">([^<]+)<")]
    private static partial Regex NewKey();

    [Fact]
    public async Task Pages_speak_french_when_the_browser_or_the_switch_asks()
    {
        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        using var browser = new DashboardBrowser(Api, acceptLanguage: "fr-FR,fr;q=0.9,en;q=0.8");
        var login = await browser.GetAsync("/dashboard/login");
        Assert.Contains("<html lang=\"fr\">", login);
        Assert.Contains("Se connecter", login);

        await browser.SignInOrFailAsync(email);
        var page = await browser.GetAsync("/dashboard/sessions");
        await browser.PostFormAsync("/dashboard/preferences/language", page, ("language", "en"), ("returnUrl", "/dashboard/sessions"));
        Assert.Contains("<html lang=\"en\">", await browser.GetAsync("/dashboard/sessions"));
    }

    [Fact]
    public async Task Search_finds_names_and_references_without_case_and_the_filters_are_the_apis()
    {
        var (caller, browser) = await SignedInOperatorAsync();
        using var _ = browser;
        var dupont = await CreateAsync(caller.Client, """{"steps":["document"],"applicant":{"first_name":"Jean","last_name":"Dupont"},"reference_id":"usr_77"}""");
        var martin = await CreateAsync(caller.Client, """{"steps":["document"],"applicant":{"first_name":"Anne","last_name":"Martin"}}""");

        var byName = await browser.GetAsync("/dashboard/sessions?q=jean%20DUP");
        Assert.Contains(dupont, byName);
        Assert.DoesNotContain(martin, byName);
        var byReference = await browser.GetAsync("/dashboard/sessions?q=USR_7");
        Assert.Contains(dupont, byReference);
        Assert.DoesNotContain(martin, byReference);
        Assert.Contains(martin, await browser.GetAsync("/dashboard/sessions?status=created&from=2026-03-15&to=2026-03-15"));
        Assert.DoesNotContain(martin, await browser.GetAsync("/dashboard/sessions?status=approved"));
        Assert.DoesNotContain(martin, await browser.GetAsync("/dashboard/sessions?reference_id=usr_77"));
        Assert.Contains("Check the filters:", await browser.GetAsync("/dashboard/sessions?from=2026-03-16&to=2026-03-15"));
    }
}

public sealed class DashboardTestsOnSqlite(SqliteApiFixture api) : DashboardTests(api), IClassFixture<SqliteApiFixture>;

public sealed class DashboardTestsOnPostgres(PostgresApiFixture api) : DashboardTests(api), IClassFixture<PostgresApiFixture>;
