using System.Net;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Tests.Dashboard;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Profiles;

/// <summary>The dashboard's profile pages: the API's rules and writes, scoping by account and mode, the audit log.</summary>
public abstract class ProfileDashboardTests(ApiFixture api) : ApiTests(api)
{
    private const string Page = "/dashboard/profiles";

    private static readonly (string, string)[] StandardForm =
    [
        ("Name", "Standard"), ("Steps", "document"), ("Steps", "selfie"), ("Steps", "liveness"), ("LivenessMode", "active"),
        ("LivenessThreshold", "85"), ("LivenessChallenges", "blink"), ("LivenessChallenges", "smile"), ("DocumentTypes", "passport"),
        ("AmlThreshold", "0.9"), ("FaceDuplicateCheck", "true"),
    ];

    private async Task<(ApiFixture.Caller Caller, DashboardBrowser Browser)> SignedInAsync()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        var browser = new DashboardBrowser(Api);
        await browser.SignInOrFailAsync(email);
        return (caller, browser);
    }

    [Fact]
    public async Task An_operator_creates_changes_and_deletes_a_profile_of_the_live_mode_each_audited()
    {
        var (caller, browser) = await SignedInAsync();
        using var _ = browser;
        var index = await browser.GetAsync(Page);
        Assert.Contains("href=\"/dashboard/profiles\" aria-current=\"page\"", index);
        Assert.Contains("No profiles in this mode yet.", index);

        var created = await browser.PostFormAsync($"{Page}?handler=Create", index, StandardForm);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.Matches("^/dashboard/profiles/[0-9a-f-]{36}\\?created=1$", location);
        var id = location["/dashboard/profiles/".Length..location.IndexOf('?')];

        var fromApi = await (await caller.Client.GetAsync($"/api/v1/profiles/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Standard", (string?)fromApi["name"]);
        Assert.True((bool)fromApi["livemode"]!);
        Assert.Equal(["document", "selfie", "liveness"], fromApi["steps"]!.AsArray().Select(s => (string)s!));
        Assert.Equal("active", (string?)fromApi["liveness_mode"]);
        Assert.Equal(85, (int)fromApi["liveness_threshold"]!);
        Assert.Equal(["blink", "smile"], fromApi["liveness_challenges"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(["passport"], fromApi["document_types"]!.AsArray().Select(s => (string)s!));
        Assert.Equal(0.9m, (decimal)fromApi["aml_threshold"]!);
        Assert.True((bool)fromApi["face_duplicate_check"]!);
        Assert.Contains("Standard", await browser.GetAsync(Page));

        var edit = await browser.GetAsync($"{Page}/{id}");
        Assert.Contains("value=\"Standard\"", edit);
        Assert.Contains("value=\"0.9\"", edit);
        var saved = await browser.PostFormAsync($"{Page}/{id}?handler=Save", edit,
            ("Name", "Strict"), ("Steps", "document"), ("LivenessMode", "passive"), ("LivenessThreshold", "75"),
            ("LivenessChallenges", "blink"), ("DocumentTypes", "passport"), ("DocumentTypes", "id_card"), ("AmlThreshold", ""));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var changed = await (await caller.Client.GetAsync($"/api/v1/profiles/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Strict", (string?)changed["name"]);
        Assert.Equal(["document"], changed["steps"]!.AsArray().Select(s => (string)s!));
        Assert.Null(changed["aml_threshold"]);
        Assert.False((bool)changed["face_duplicate_check"]!);

        var deleted = await browser.PostFormAsync($"{Page}/{id}?handler=Delete", await browser.GetAsync($"{Page}/{id}"));
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.Equal("/dashboard/profiles?deleted=1", deleted.Headers.Location!.OriginalString);
        await (await caller.Client.GetAsync($"/api/v1/profiles/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await browser.GetAsync($"{Page}/{id}", HttpStatusCode.NotFound);

        var audited = await Api.WithDbAsync(db => db.AuditLog.Where(e => e.AccountId == caller.AccountId).OrderBy(e => e.Id)
            .Select(e => new { e.Action, e.Detail }).ToListAsync());
        Assert.Equal([AuditActions.ProfileCreated, AuditActions.ProfileUpdated, AuditActions.ProfileDeleted], audited.Select(e => e.Action));
        Assert.All(audited, e => Assert.Equal(id, e.Detail));
    }

    [Fact]
    public async Task The_form_refuses_what_the_api_refuses_with_its_messages_and_writes_nothing()
    {
        var (caller, browser) = await SignedInAsync();
        using var _ = browser;
        var index = await browser.GetAsync(Page);
        var refused = await browser.PostFormAsync($"{Page}?handler=Create", index,
            ("Name", " "), ("Steps", "face_match"), ("LivenessThreshold", "101"), ("LivenessChallenges", "smile"), ("DocumentTypes", "passport"),
            ("AmlThreshold", "high"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("The name field must not be empty.", html);
        Assert.Contains("The liveness_threshold must be between 0 and 100.", html);
        Assert.Contains("The aml_threshold must be a number.", html);
        Assert.Contains("face_match", html);
        Assert.Contains("value=\"101\"", html);
        var noSteps = await browser.PostFormAsync($"{Page}?handler=Create", index, ("Name", "P"), ("LivenessChallenges", "smile"), ("DocumentTypes", "passport"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noSteps.StatusCode);
        Assert.Contains("The steps must have at least 1 item.", await noSteps.Content.ReadAsStringAsync());
        Assert.Equal(0, await Api.WithDbAsync(db => db.Profiles.CountAsync(p => p.AccountId == caller.AccountId)));
        Assert.Equal(0, await Api.WithDbAsync(db => db.AuditLog.CountAsync(e => e.AccountId == caller.AccountId)));

        var withoutToken = await browser.PostWithoutTokenAsync($"{Page}?handler=Create", StandardForm);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Equal(0, await Api.WithDbAsync(db => db.Profiles.CountAsync(p => p.AccountId == caller.AccountId)));
    }

    [Fact]
    public async Task Profiles_of_another_account_or_of_the_test_mode_are_not_shown_nor_changed()
    {
        var (caller, browser) = await SignedInAsync();
        using var _ = browser;
        var stranger = await Api.NewCallerAsync(live: true);
        var foreign = await CreateProfileAsync(stranger.Client, "Foreign");
        var ownTest = await Api.NewCallerAsync(accountName: caller.AccountName);
        var testProfile = await CreateProfileAsync(ownTest.Client, "Sandbox");

        var index = await browser.GetAsync(Page);
        Assert.DoesNotContain("Foreign", index);
        Assert.DoesNotContain("Sandbox", index);
        foreach (var id in new[] { foreign, testProfile })
        {
            await browser.GetAsync($"{Page}/{id}", HttpStatusCode.NotFound);
            var save = await browser.PostFormAsync($"{Page}/{id}?handler=Save", index, StandardForm);
            Assert.Equal(HttpStatusCode.NotFound, save.StatusCode);
            var delete = await browser.PostFormAsync($"{Page}/{id}?handler=Delete", index);
            Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        }
        Assert.Equal("Foreign", (string?)(await (await stranger.Client.GetAsync($"/api/v1/profiles/{foreign}")).ExpectAsync(HttpStatusCode.OK))["name"]);
        Assert.Equal("Sandbox", (string?)(await (await ownTest.Client.GetAsync($"/api/v1/profiles/{testProfile}")).ExpectAsync(HttpStatusCode.OK))["name"]);

        var switched = await browser.PostFormAsync("/dashboard/preferences/mode", index, ("live", "false"), ("returnUrl", Page));
        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Contains("Sandbox", await browser.GetAsync(Page));
    }

    private static async Task<string> CreateProfileAsync(HttpClient client, string name)
    {
        var body = await (await client.PostJsonAsync("/api/v1/profiles", $$"""{"name":"{{name}}","steps":["document"]}""")).ExpectAsync(HttpStatusCode.Created);
        return (string)body["id"]!;
    }
}

public sealed class ProfileDashboardTestsOnSqlite(SqliteApiFixture api) : ProfileDashboardTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ProfileDashboardTestsOnPostgres(PostgresApiFixture api) : ProfileDashboardTests(api), IClassFixture<PostgresApiFixture>;
