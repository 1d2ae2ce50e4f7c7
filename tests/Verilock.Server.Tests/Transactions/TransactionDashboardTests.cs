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
