using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Transactions;

/// <summary>
/// Per-account thresholds of the built-in rules (<c>GET</c>/<c>PUT /transactions/settings</c>): an override changes a
/// transaction's outcome for that account and mode only, bad values are 422s naming the field and store nothing.
/// </summary>
public abstract class TransactionSettingsTests(ApiFixture api) : ApiTests(api)
{
    private const string Settings = "/api/v1/transactions/settings";
    private const string Screen = "/api/v1/transactions/screen";

    private static readonly string[] ResponseKeys = ["livemode", "settings", "overrides", "updated_by", "updated_at"];

    private static readonly string[] ValueKeys =
    [
        "amount_thresholds", "default_amount_threshold", "sanctioned_countries", "high_risk_countries", "velocity_max_count",
        "velocity_count_window_seconds", "velocity_amount_factor", "velocity_amount_window_seconds", "high_risk_merchant_categories",
        "wallet_risk_threshold", "recipient_risk_threshold",
    ];

    private static Task<HttpResponseMessage> PutAsync(HttpClient client, string json) =>
        client.PutAsync(Settings, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>A domestic USD wire of 2,000 from a fresh sender: nothing fires under the defaults.</summary>
    private static string Wire(double amount = 2_000, string receiverCountry = "US", string? sender = null) => Wire(
        amount, receiverCountry, sender ?? "s-" + Guid.NewGuid().ToString("N"), "r-" + Guid.NewGuid().ToString("N"));

    private static string Wire(double amount, string receiverCountry, string sender, string receiver) => $$$"""
        {"type":"wire_transfer","amount":{{{amount}}},"currency":"USD",
         "sender":{"name":"John Smith","account":"{{{sender}}}","country":"US"},
         "receiver":{"name":"Jane Doe","account":"{{{receiver}}}","country":"{{{receiverCountry}}}"}}
        """;

    private static async Task<JsonNode> ScreenAsync(HttpClient client, string body) =>
        await (await client.PostJsonAsync(Screen, body)).ExpectAsync(HttpStatusCode.Created);

    private static string[] Flags(JsonNode transaction) => transaction["flags"]!.AsArray().Select(f => (string)f!).ToArray();

    [Fact]
    public async Task The_defaults_are_shown_with_no_overrides()
    {
        var caller = await Api.NewCallerAsync();
        var body = await (await caller.Client.GetAsync(Settings)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(ResponseKeys, body.Keys());
        Assert.False((bool)body["livemode"]!);
        var settings = body["settings"]!;
        Assert.Equal(ValueKeys, settings.Keys());
        Assert.Equal(10_000, (double)settings["amount_thresholds"]!["USD"]!);
        Assert.Equal(8_000, (double)settings["amount_thresholds"]!["GBP"]!);
        Assert.Equal(10_000, (double)settings["default_amount_threshold"]!);
        Assert.Equal(["CU", "IR", "KP"], settings["sanctioned_countries"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(10, (int)settings["velocity_max_count"]!);
        Assert.Equal(3600, (int)settings["velocity_count_window_seconds"]!);
        Assert.Equal(86400, (int)settings["velocity_amount_window_seconds"]!);
        Assert.Equal(75, (double)settings["wallet_risk_threshold"]!);
        Assert.Equal(ValueKeys, body["overrides"]!.Keys());
        Assert.All(body["overrides"]!.AsObject(), p => Assert.Null(p.Value));
        Assert.Null(body["updated_at"]);
        Assert.Null(body["updated_by"]);
    }

    [Fact]
    public async Task An_override_changes_the_outcome_for_that_account_and_mode_only()
    {
        var caller = await Api.NewCallerAsync();
        var other = await Api.NewCallerAsync();
        var live = await Api.NewCallerAsync(live: true, accountName: caller.AccountName);
        Assert.Empty(Flags(await ScreenAsync(caller.Client, Wire())));

        var put = await (await PutAsync(caller.Client, """
            {"amount_thresholds":{"usd":1500},"sanctioned_countries":["fr","CU","FR"],"velocity_max_count":null}
            """)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(ResponseKeys, put.Keys());
        Assert.Equal(1500, (double)put["settings"]!["amount_thresholds"]!["USD"]!);
        Assert.Equal(10_000, (double)put["settings"]!["amount_thresholds"]!["EUR"]!);
        Assert.Equal(["FR", "CU"], put["settings"]!["sanctioned_countries"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(10, (int)put["settings"]!["velocity_max_count"]!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"USD":1500}"""), put["overrides"]!["amount_thresholds"]));
        Assert.Null(put["overrides"]!["velocity_max_count"]);
        Assert.Equal(caller.Key[..16], (string?)put["updated_by"]);
        Assert.NotNull(put["updated_at"]);
        var read = await (await caller.Client.GetAsync(Settings)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(put, read));

        var over = await ScreenAsync(caller.Client, Wire());
        Assert.Equal(["amount_above_threshold"], Flags(over));
        var toFrance = await ScreenAsync(caller.Client, Wire(amount: 100, receiverCountry: "FR"));
        Assert.Equal(["cross_border_transfer", "sanctioned_country"], Flags(toFrance));
        Assert.Equal("review", (string?)toFrance["recommendation"]);

        // Another account, and the same account's live mode, keep the server's thresholds.
        Assert.Empty(Flags(await ScreenAsync(other.Client, Wire())));
        Assert.Equal(["cross_border_transfer"], Flags(await ScreenAsync(other.Client, Wire(amount: 100, receiverCountry: "FR"))));
        var liveSettings = await (await live.Client.GetAsync(Settings)).ExpectAsync(HttpStatusCode.OK);
        Assert.True((bool)liveSettings["livemode"]!);
        Assert.Equal(10_000, (double)liveSettings["settings"]!["amount_thresholds"]!["USD"]!);
        Assert.Null(liveSettings["overrides"]!["amount_thresholds"]);

        // {} clears every override.
        var cleared = await (await PutAsync(caller.Client, "{}")).ExpectAsync(HttpStatusCode.OK);
        Assert.All(cleared["overrides"]!.AsObject(), p => Assert.Null(p.Value));
        Assert.Empty(Flags(await ScreenAsync(caller.Client, Wire())));

        var audited = await Api.WithDbAsync(db => db.AuditLog
            .Where(e => e.AccountId == caller.AccountId && e.Action == AuditActions.TransactionSettingsUpdated)
            .OrderBy(e => e.Id).Select(e => new { e.OperatorId, e.Detail }).ToListAsync());
        Assert.Equal(2, audited.Count);
        Assert.All(audited, e => Assert.Equal(Guid.Empty, e.OperatorId));
        Assert.Equal($"test by {caller.Key[..16]}", audited[0].Detail);
    }

    [Fact]
    public async Task A_velocity_override_fires_the_count_rule_sooner()
    {
        var caller = await Api.NewCallerAsync();
        await (await PutAsync(caller.Client, """{"velocity_max_count":2,"velocity_count_window_seconds":600}""")).ExpectAsync(HttpStatusCode.OK);
        var sender = "v-" + Guid.NewGuid().ToString("N");
        Assert.Empty(Flags(await ScreenAsync(caller.Client, Wire(sender: sender))));
        Assert.Empty(Flags(await ScreenAsync(caller.Client, Wire(sender: sender))));
        Assert.Equal(["high_velocity_count"], Flags(await ScreenAsync(caller.Client, Wire(sender: sender))));
        Assert.Empty(Flags(await ScreenAsync(caller.Client, Wire())));
    }

    [Fact]
    public async Task Bad_values_are_422s_naming_each_field_and_nothing_is_stored()
    {
        var caller = await Api.NewCallerAsync();
        var good = await (await PutAsync(caller.Client, """{"velocity_max_count":3}""")).ExpectAsync(HttpStatusCode.OK);
        var details = await (await PutAsync(caller.Client, """
            {"amount_thresholds":{"ABC":5,"EUR":0,"GBP":"x"},"default_amount_threshold":-1,"sanctioned_countries":["US","XX",3],
             "high_risk_countries":"IR","velocity_max_count":0,"velocity_count_window_seconds":2678401,"velocity_amount_factor":0,
             "high_risk_merchant_categories":["799"],"wallet_risk_threshold":101,"recipient_risk_threshold":true,"colour":"red"}
            """)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(
            [
                "colour", "amount_thresholds.ABC", "amount_thresholds.EUR", "amount_thresholds.GBP", "default_amount_threshold",
                "sanctioned_countries.1", "sanctioned_countries.2", "high_risk_countries", "velocity_max_count", "velocity_count_window_seconds",
                "velocity_amount_factor", "high_risk_merchant_categories.0", "wallet_risk_threshold", "recipient_risk_threshold",
            ],
            details!.Keys());
        Assert.Equal("The velocity_max_count must be between 1 and 1000000.", (string?)details!["velocity_max_count"]![0]);
        Assert.Equal("The sanctioned_countries.1 must be an ISO 3166-1 alpha-2 country code.", (string?)details!["sanctioned_countries.1"]![0]);
        Assert.Equal("The amount_thresholds.ABC key must be an ISO 4217 currency code.", (string?)details!["amount_thresholds.ABC"]![0]);

        var after = await (await caller.Client.GetAsync(Settings)).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(good, after));
        Assert.Equal(1, await Api.WithDbAsync(db => db.AuditLog.CountAsync(
            e => e.AccountId == caller.AccountId && e.Action == AuditActions.TransactionSettingsUpdated)));
        await (await PutAsync(caller.Client, "[]")).ExpectErrorAsync(HttpStatusCode.BadRequest, "bad_request");
    }
}

public sealed class TransactionSettingsTestsOnSqlite(SqliteApiFixture api) : TransactionSettingsTests(api), IClassFixture<SqliteApiFixture>;

public sealed class TransactionSettingsTestsOnPostgres(PostgresApiFixture api) : TransactionSettingsTests(api), IClassFixture<PostgresApiFixture>;
