using System.Net;
using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Tests.Dashboard;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Rules;

/// <summary>The dashboard's rule pages: the API's validation and writes, scoping, the sessions a rule decided, the audit log.</summary>
public abstract class RuleDashboardTests(ApiFixture api) : ApiTests(api)
{
    private const string Page = "/dashboard/rules";

    private async Task<(ApiFixture.Caller Caller, DashboardBrowser Browser)> SignedInAsync()
    {
        var caller = await Api.NewCallerAsync(live: true);
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        var browser = new DashboardBrowser(Api);
        await browser.SignInOrFailAsync(email);
        return (caller, browser);
    }

    [Fact]
    public async Task An_operator_creates_disables_changes_and_deletes_a_rule_each_audited()
    {
        var (caller, browser) = await SignedInAsync();
        using var _ = browser;
        var index = await browser.GetAsync(Page);
        Assert.Contains("href=\"/dashboard/rules\" aria-current=\"page\"", index);
        Assert.Contains("No rules in this mode yet.", index);

        var refused = await browser.PostFormAsync($"{Page}?handler=Create", index, ("Name", "Bad"), ("Priority", "1"),
            ("Conditions[0].Field", "risk_score"), ("Conditions[0].Operator", "gt"), ("Conditions[0].Value", "high"), ("Action", "decline"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("The conditions.0.value is invalid. The value of risk_score must be a number.", await refused.Content.ReadAsStringAsync());

        var created = await browser.PostFormAsync($"{Page}?handler=Create", index, ("Name", "Minors"), ("Priority", "20"),
            ("Conditions[0].Field", "person.age"), ("Conditions[0].Operator", "lt"), ("Conditions[0].Value", "18"),
            ("Conditions[1].Field", ""), ("Conditions[1].Operator", "eq"), ("Conditions[1].Value", ""),
            ("Conditions[2].Field", "person.nationality"), ("Conditions[2].Operator", "in"), ("Conditions[2].Value", "[\"FR\",\"DE\"]"),
            ("Conditions[3].Field", "metadata.channel"), ("Conditions[3].Operator", "eq"), ("Conditions[3].Value", "web"),
            ("Action", "review"), ("Reason", "Minor"), ("Enabled", "true"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var location = created.Headers.Location!.OriginalString;
        Assert.Matches("^/dashboard/rules/rule_[0-9a-f-]{36}\\?created=1$", location);
        var id = location["/dashboard/rules/".Length..location.IndexOf('?')];
        var fromApi = await (await caller.Client.GetAsync($"/api/v1/orchestration/rules/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(
            """[{"field":"person.age","operator":"lt","value":18},{"field":"person.nationality","operator":"in","value":["FR","DE"]},{"field":"metadata.channel","operator":"eq","value":"web"}]""",
            fromApi["conditions"]!.ToJsonString());
        Assert.Equal("""{"type":"review","reason":"Minor"}""", fromApi["action"]!.ToJsonString());
        Assert.True((bool)fromApi["enabled"]!);
        Assert.Equal(20, (int)fromApi["priority"]!);
        Assert.Contains("Minors", await browser.GetAsync(Page));

        var edit = await browser.GetAsync($"{Page}/{id}");
        Assert.Contains("value=\"person.age\"", edit);
        Assert.Contains("No sessions yet.", edit);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostFormAsync($"{Page}/{id}?handler=Toggle", edit)).StatusCode);
        Assert.False((bool)(await (await caller.Client.GetAsync($"/api/v1/orchestration/rules/{id}")).ExpectAsync(HttpStatusCode.OK))["enabled"]!);

        var saved = await browser.PostFormAsync($"{Page}/{id}?handler=Save", await browser.GetAsync($"{Page}/{id}"), ("Name", "Adults"),
            ("Priority", "5"), ("Conditions[0].Field", "person.age"), ("Conditions[0].Operator", "gte"), ("Conditions[0].Value", "18"),
            ("Action", "approve"), ("Enabled", "true"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var changed = await (await caller.Client.GetAsync($"/api/v1/orchestration/rules/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Adults", (string?)changed["name"]);
        Assert.Equal("""[{"field":"person.age","operator":"gte","value":18}]""", changed["conditions"]!.ToJsonString());
        Assert.True((bool)changed["enabled"]!);

        var deleted = await browser.PostFormAsync($"{Page}/{id}?handler=Delete", await browser.GetAsync($"{Page}/{id}"));
        Assert.Equal("/dashboard/rules?deleted=1", deleted.Headers.Location!.OriginalString);
        await (await caller.Client.GetAsync($"/api/v1/orchestration/rules/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await browser.GetAsync($"{Page}/{id}", HttpStatusCode.NotFound);

        var audited = await Api.WithDbAsync(db => db.AuditLog.Where(e => e.AccountId == caller.AccountId).OrderBy(e => e.Id)
            .Select(e => e.Action).ToListAsync());
        Assert.Equal([AuditActions.RuleCreated, AuditActions.RuleUpdated, AuditActions.RuleUpdated, AuditActions.RuleDeleted], audited);
    }

    [Fact]
    public async Task A_rule_page_lists_the_sessions_it_decided_and_another_accounts_rule_is_not_found()
    {
        var (caller, browser) = await SignedInAsync();
        using var _ = browser;
        var id = await RuleSessions.RuleAsync(caller.Client, """[{"field":"session.steps","operator":"contains","value":"document"}]""", """{"type":"decline"}""");
        var decided = await CreateAsync(caller.Client);
        var other = await CreateAsync(caller.Client);
        await Api.WithDbAsync(async db =>
        {
            var rules = await db.Rules.Where(r => r.Id == id).ToListAsync();
            var now = Api.Clock.GetUtcNow().UtcDateTime;
            foreach (var session in await db.Sessions.Where(s => s.Id == decided || s.Id == other).ToListAsync())
            {
                Assert.True(session.TrySubmit(now));
                var results = session.Steps.ToDictionary(s => s, _ => new StepResult(StepOutcome.Approved, 0.98, null));
                session.RecordCheckOutcome(results, [], now, rules: session.Id == decided ? rules : []);
            }
            await db.SaveChangesAsync();
            return 0;
        });
        var page = await browser.GetAsync($"{Page}/{id}");
        Assert.Contains($"href=\"/dashboard/sessions/{decided}\"", page);
        Assert.DoesNotContain(other, page);

        var stranger = await Api.NewCallerAsync(live: true);
        var foreign = await RuleSessions.RuleAsync(stranger.Client, """[{"field":"risk_score","operator":"is_null"}]""", """{"type":"webhook"}""");
        await browser.GetAsync($"{Page}/{foreign}", HttpStatusCode.NotFound);
        Assert.DoesNotContain(foreign, await browser.GetAsync(Page));
    }

    [Fact]
    public async Task The_simulate_form_shows_the_decisions_a_draft_would_change_and_stores_nothing()
    {
        var (caller, browser) = await SignedInAsync();
        using var _ = browser;
        var decided = await CreateAsync(caller.Client);
        var waiting = await CreateAsync(caller.Client);
        await Api.WithDbAsync(async db =>
        {
            var now = Api.Clock.GetUtcNow().UtcDateTime;
            var session = await db.Sessions.SingleAsync(s => s.Id == decided);
            Assert.True(session.TrySubmit(now));
            session.RecordCheckOutcome(session.Steps.ToDictionary(s => s, _ => new StepResult(StepOutcome.Approved, 0.98, null)), [], now, rules: []);
            await db.SaveChangesAsync();
            return 0;
        });
        var stranger = await Api.NewCallerAsync(live: true);
        await CreateAsync(stranger.Client);

        var index = await browser.GetAsync(Page);
        Assert.Contains("action=\"/dashboard/rules?handler=Simulate\"", index);
        Assert.Contains("id=\"simulate-condition-0-field\"", index);
        Assert.DoesNotContain("id=\"simulation-result\"", index);

        var refused = await browser.PostFormAsync($"{Page}?handler=Simulate", index, ("Name", "Draft"), ("Priority", "1"),
            ("Conditions[0].Field", "risk_score"), ("Conditions[0].Operator", "gt"), ("Conditions[0].Value", "high"), ("Action", "decline"),
            ("Limit", "100"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var refusedPage = await refused.Content.ReadAsStringAsync();
        Assert.Contains("The conditions.0.value is invalid. The value of risk_score must be a number.", refusedPage);
        Assert.DoesNotContain("id=\"simulation-result\"", refusedPage);

        var simulated = await browser.PostFormAsync($"{Page}?handler=Simulate", index, ("Name", "Draft"), ("Priority", "1"),
            ("Conditions[0].Field", "session.steps"), ("Conditions[0].Operator", "contains"), ("Conditions[0].Value", "document"),
            ("Action", "decline"), ("Enabled", "true"), ("Limit", "100"));
        Assert.Equal(HttpStatusCode.OK, simulated.StatusCode);
        var result = await simulated.Content.ReadAsStringAsync();
        Assert.Contains("<dd id=\"simulated-sessions\">1</dd>", result);
        Assert.Contains("<dd id=\"simulated-matched\">1</dd>", result);
        Assert.Contains("<dd id=\"simulated-changed\">1</dd>", result);
        Assert.Contains(
            $"<tr><td><a class=\"mono\" href=\"/dashboard/sessions/{decided}\">{decided}</a></td><td>Approved</td><td>Declined</td></tr>",
            result);
        Assert.DoesNotContain(waiting, result);
        // The draft keeps its values in the form, and nothing was stored.
        Assert.Contains("id=\"simulate-condition-0-field\" name=\"Conditions[0].Field\" value=\"session.steps\"", result);
        Assert.Equal(0, await Api.WithDbAsync(db => db.Rules.CountAsync(r => r.AccountId == caller.AccountId)));
        Assert.Equal("approved", (string?)(await RuleSessions.SessionAsync(caller.Client, decided))["decision"]);
        Assert.Equal(0, await Api.WithDbAsync(db => db.AuditLog.CountAsync(e => e.AccountId == caller.AccountId && e.Action.StartsWith("rule."))));
    }
}

public sealed class RuleDashboardTestsOnSqlite(SqliteApiFixture api) : RuleDashboardTests(api), IClassFixture<SqliteApiFixture>;

public sealed class RuleDashboardTestsOnPostgres(PostgresApiFixture api) : RuleDashboardTests(api), IClassFixture<PostgresApiFixture>;
