using System.Net;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Tests.Dashboard;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Transactions;

/// <summary>The dashboard's transaction pages: the review queue of the current mode, the detail, decisions through the API's path, audited.</summary>
public abstract class TransactionDashboardTests(ApiFixture api) : ApiTests(api)
{
    private const string Page = "/dashboard/transactions";

    private static string Review(string reference) => $$$"""
        {"type":"wire_transfer","amount":20000,"currency":"USD","reference_id":"{{{reference}}}",
         "sender":{"name":"Alice Martin","account":"S-1","country":"US"},"receiver":{"name":"Bob Stone","account":"R-1","country":"GB"}}
        """;

    [Fact]
    public async Task The_review_queue_lists_the_test_modes_transactions_and_a_decision_is_the_apis_and_audited()
    {
        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        using var browser = new DashboardBrowser(Api);
        await browser.SignInOrFailAsync(email);
        var review = await (await caller.Client.PostJsonAsync("/api/v1/transactions/screen", Review("order-41"))).ExpectAsync(HttpStatusCode.Created);
        var id = (string)review["id"]!;
        await (await caller.Client.PostJsonAsync("/api/v1/transactions/screen", Review("order-42").Replace("20000", "50"))).ExpectAsync(HttpStatusCode.Created);

        // Live by default: the test transactions are not there.
        Assert.DoesNotContain("order-41", await browser.GetAsync(Page));
        var page = await browser.GetAsync("/dashboard/sessions");
        await browser.PostFormAsync("/dashboard/preferences/mode", page, ("live", "false"), ("returnUrl", Page));

        var all = await browser.GetAsync(Page);
        Assert.Contains("href=\"/dashboard/transactions\" aria-current=\"page\"", all);
        Assert.Contains("order-41", all);
        Assert.Contains("order-42", all);
        var queue = await browser.GetAsync($"{Page}?status=pending_review");
        Assert.Contains("order-41", queue);
        Assert.DoesNotContain("order-42", queue);

        var detail = await browser.GetAsync($"{Page}/{id}");
        Assert.Contains("rule_xb_001", detail);
        Assert.Contains("rule_amt_001", detail);
        Assert.Contains("cross_border_transfer, amount_above_threshold", detail);
        Assert.Contains("Counterparty screening", detail);
        Assert.Contains("Flagged for review", detail);
        Assert.Contains("value=\"escalate\"", detail);

        var escalated = await browser.PostFormAsync($"{Page}/{id}?handler=Decide", detail, ("decision", "escalate"), ("reason", "Second look"));
        Assert.Equal(HttpStatusCode.Redirect, escalated.StatusCode);
        var after = await browser.GetAsync($"{Page}/{id}?decided=true");
        Assert.Contains("The decision was recorded.", after);
        Assert.DoesNotContain("value=\"escalate\"", after);
        var blocked = await browser.PostFormAsync($"{Page}/{id}?handler=Decide", after, ("decision", "block"));
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        var final = await browser.GetAsync($"{Page}/{id}");
        Assert.DoesNotContain("handler=Decide", final);

        var fromApi = await (await caller.Client.GetAsync($"/api/v1/transactions/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("blocked", (string?)fromApi["status"]);
        Assert.StartsWith("op_", (string?)fromApi["decision"]!["decided_by"]);
        var audited = await Api.WithDbAsync(db => db.AuditLog.Where(e => e.AccountId == caller.AccountId && e.Action == AuditActions.TransactionDecided)
            .OrderBy(e => e.Id).Select(e => e.Detail).ToListAsync());
        Assert.Equal([$"{id} escalate", $"{id} block"], audited);

        // A decision already taken differently is refused, without an audit row.
        var conflict = await browser.PostFormAsync($"{Page}/{id}?handler=Decide", final, ("decision", "approve"));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(2, await Api.WithDbAsync(db => db.AuditLog.CountAsync(e => e.AccountId == caller.AccountId && e.Action == AuditActions.TransactionDecided)));
    }

    [Fact]
    public async Task The_thresholds_page_saves_the_accounts_overrides_through_the_apis_reader_and_audits_them()
    {
        var caller = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, caller.AccountName);
        using var browser = new DashboardBrowser(Api);
        await browser.SignInOrFailAsync(email);
        var sessions = await browser.GetAsync("/dashboard/sessions");
        await browser.PostFormAsync("/dashboard/preferences/mode", sessions, ("live", "false"), ("returnUrl", Page));
        var settings = $"{Page}/settings";

        var page = await browser.GetAsync(settings);
        Assert.Contains("href=\"/dashboard/transactions\" aria-current=\"page\"", page);
        Assert.Contains("<td class=\"mono\" id=\"now-VelocityMaxCount\">10</td>", page);
        Assert.Contains("<td class=\"mono\" id=\"now-SanctionedCountries\">CU, IR, KP</td>", page);

        // A bad value is the API's 422 message, and nothing is stored.
        var bad = await browser.PostFormAsync(settings, page, ("VelocityMaxCount", "0"), ("SanctionedCountries", "US, XX"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var badPage = await bad.Content.ReadAsStringAsync();
        Assert.Contains("The velocity_max_count must be between 1 and 1000000.", badPage);
        Assert.Contains("The sanctioned_countries.1 must be an ISO 3166-1 alpha-2 country code.", badPage);
        Assert.Equal(0, await Api.WithDbAsync(db => db.TransactionSettings.CountAsync(s => s.AccountId == caller.AccountId)));

        var saved = await browser.PostFormAsync(settings, page, ("AmountThresholds", "usd=1500"), ("VelocityMaxCount", "4"), ("HighRiskCountries", "none"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await browser.GetAsync($"{settings}?saved=1");
        Assert.Contains("The thresholds were saved.", after);
        Assert.Contains("<td class=\"mono\" id=\"now-VelocityMaxCount\">4</td>", after);
        Assert.Contains("<td class=\"mono\" id=\"now-HighRiskCountries\">none</td>", after);
        Assert.Contains("name=\"AmountThresholds\" value=\"USD=1500\"", after);

        var fromApi = await (await caller.Client.GetAsync("/api/v1/transactions/settings")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1500, (double)fromApi["overrides"]!["amount_thresholds"]!["USD"]!);
        Assert.Empty(fromApi["settings"]!["high_risk_countries"]!.AsArray());
        Assert.StartsWith("op_", (string?)fromApi["updated_by"]);
        var screened = await (await caller.Client.PostJsonAsync("/api/v1/transactions/screen", Review("t-1").Replace("20000", "2000").Replace("\"GB\"", "\"US\"")))
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("amount_above_threshold", (string?)screened["flags"]![0]);
        var audited = await Api.WithDbAsync(db => db.AuditLog
            .Where(e => e.AccountId == caller.AccountId && e.Action == AuditActions.TransactionSettingsUpdated).ToListAsync());
        Assert.NotEqual(Guid.Empty, Assert.Single(audited).OperatorId);
    }

    [Fact]
    public async Task Another_accounts_transaction_is_a_404_page()
    {
        var owner = await Api.NewCallerAsync();
        var id = (string)(await (await owner.Client.PostJsonAsync("/api/v1/transactions/screen", Review("x"))).ExpectAsync(HttpStatusCode.Created))["id"]!;
        var stranger = await Api.NewCallerAsync();
        var email = await DashboardBrowser.NewOperatorAsync(Api, stranger.AccountName);
        using var browser = new DashboardBrowser(Api);
        await browser.SignInOrFailAsync(email);
        var page = await browser.GetAsync("/dashboard/sessions");
        await browser.PostFormAsync("/dashboard/preferences/mode", page, ("live", "false"), ("returnUrl", Page));
        await browser.GetAsync($"{Page}/{id}", HttpStatusCode.NotFound);
    }
}

public sealed class TransactionDashboardTestsOnSqlite(SqliteApiFixture api) : TransactionDashboardTests(api), IClassFixture<SqliteApiFixture>;

public sealed class TransactionDashboardTestsOnPostgres(PostgresApiFixture api) : TransactionDashboardTests(api), IClassFixture<PostgresApiFixture>;
