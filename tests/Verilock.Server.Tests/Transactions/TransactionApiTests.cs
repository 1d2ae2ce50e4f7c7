using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Transactions;

/// <summary>Transaction monitoring (spec §19): shapes, the built-in rules, batches, decisions, lists and scoping, on both databases.</summary>
public abstract class TransactionApiTests(ApiFixture api) : ApiTests(api)
{
    private const string Transactions = "/api/v1/transactions";
    private const string Screen = "/api/v1/transactions/screen";
    private const string Batch = "/api/v1/transactions/screen/batch";

    private static readonly string[] TransactionKeys =
    [
        "id", "livemode", "reference_id", "session_id", "type", "amount", "currency", "sender", "receiver", "risk_score", "risk_level",
        "recommendation", "status", "flags", "rules_triggered", "counterparty_screening", "timeline", "decision", "screened_at", "created_at",
    ];

    private static readonly string[] EventDataKeys = ["transaction_id", "reference_id", "risk_score", "risk_level", "recommendation", "flags", "livemode"];

    private static string Unique() => Guid.NewGuid().ToString("N")[..12];

    /// <summary>A transaction body; <paramref name="extra"/> is added (or replaces) at the top level.</summary>
    private static string Body(
        string type = "wire_transfer", double amount = 100, string currency = "USD", string senderCountry = "US", string receiverCountry = "US",
        string? senderAccount = null, string? receiverAccount = null, string receiverName = "Jane Doe", string extra = "")
    {
        var node = new JsonObject
        {
            ["type"] = type, ["amount"] = amount, ["currency"] = currency,
            ["sender"] = new JsonObject { ["name"] = "John Smith", ["account"] = senderAccount ?? "acc-" + Unique(), ["country"] = senderCountry },
            ["receiver"] = new JsonObject { ["name"] = receiverName, ["account"] = receiverAccount ?? "acc-" + Unique(), ["country"] = receiverCountry },
            ["reference_id"] = "ref-" + Unique(),
        };
        if (extra.Length > 0)
        {
            foreach (var (key, value) in JsonNode.Parse(extra)!.AsObject().ToList())
                node[key] = value?.DeepClone();
        }
        return node.ToJsonString();
    }

    private static async Task<JsonNode> ScreenAsync(HttpClient client, string body) =>
        await (await client.PostJsonAsync(Screen, body)).ExpectAsync(HttpStatusCode.Created);

    private static string[] Strings(JsonNode? node) => node!.AsArray().Select(n => (string)n!).ToArray();

    private Task<List<(string Type, string Payload)>> EventsAsync(Guid accountId) => Api.WithDbAsync(async db =>
        (await db.OutboxEvents.Where(e => e.AccountId == accountId && e.Type.StartsWith("transaction."))
            .OrderBy(e => e.Sequence).Select(e => new { e.Type, e.Payload }).ToListAsync())
        .Select(e => (e.Type, e.Payload!)).ToList());

    [Fact]
    public async Task Types_lists_exactly_the_five_types_of_the_catalogue()
    {
        var caller = await Api.NewCallerAsync();
        var body = await (await caller.Client.GetAsync($"{Transactions}/types")).ExpectAsync(HttpStatusCode.OK);
        var data = body["data"]!.AsArray();
        Assert.Equal(["wire_transfer", "card_payment", "crypto_transfer", "ach_transfer", "p2p_payment"], data.Select(t => (string)t!["id"]!));
        Assert.All(data, t => Assert.Equal(["id", "name", "description", "risk_factors"], t!.Keys()));
        Assert.Equal(["amount", "cross_border", "sanctioned_country"], Strings(data[0]!["risk_factors"]));
        Assert.Equal(["amount", "velocity", "merchant_category"], Strings(data[1]!["risk_factors"]));
        Assert.Equal(["amount", "wallet_risk", "mixer_usage"], Strings(data[2]!["risk_factors"]));
        Assert.Equal(["amount", "frequency", "new_recipient"], Strings(data[3]!["risk_factors"]));
        Assert.Equal(["amount", "cross_border", "recipient_risk"], Strings(data[4]!["risk_factors"]));
    }

    [Fact]
    public async Task The_spec_example_is_blocked_with_its_exact_shape_location_and_event()
    {
        var caller = await Api.NewCallerAsync();
        var response = await caller.Client.PostJsonAsync(Screen, """
            {"type":"wire_transfer","amount":15000,"currency":"usd","reference_id":"txn_001",
             "sender":{"name":"Alice Martin","account":"US-001","country":"US"},"receiver":{"name":"Reza Karimi","account":"IR-9","country":"IRN"}}
            """);
        var body = await response.ExpectAsync(HttpStatusCode.Created);
        var id = (string)body["id"]!;
        Assert.Matches("^txn_[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", id);
        Assert.Equal($"{Transactions}/{id}", response.Headers.Location!.OriginalString);
        var now = Api.NowText();
        var expected = JsonNode.Parse($$$"""
            {"id":"{{{id}}}","livemode":false,"reference_id":"txn_001","session_id":null,"type":"wire_transfer","amount":15000,"currency":"USD",
             "sender":{"name":"Alice Martin","account":"US-001","country":"US"},"receiver":{"name":"Reza Karimi","account":"IR-9","country":"IR"},
             "risk_score":85,"risk_level":"critical","recommendation":"block","status":"blocked",
             "flags":["cross_border_transfer","sanctioned_country","amount_above_threshold"],
             "rules_triggered":[{"rule_id":"rule_xb_001","name":"Cross-border transfer","severity":"medium","score_impact":20},
                                {"rule_id":"rule_sc_001","name":"Sanctioned country","severity":"critical","score_impact":40},
                                {"rule_id":"rule_amt_001","name":"Amount above threshold","severity":"high","score_impact":25}],
             "counterparty_screening":{"sender":{"status":"clear","highest_score":0,"screening_id":null},"receiver":{"status":"clear","highest_score":0,"screening_id":null}},
             "timeline":[{"event":"screened","timestamp":"{{{now}}}"},{"event":"blocked","timestamp":"{{{now}}}"}],
             "decision":null,"screened_at":"{{{now}}}","created_at":"{{{now}}}"}
            """);
        Assert.True(JsonNode.DeepEquals(expected, body), body.ToJsonString());
        Assert.Equal(TransactionKeys, body.Keys());

        var fetched = await (await caller.Client.GetAsync($"{Transactions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True(JsonNode.DeepEquals(expected, fetched), fetched.ToJsonString());

        var events = await EventsAsync(caller.AccountId);
        var (type, payload) = Assert.Single(events);
        Assert.Equal("transaction.blocked", type);
        var data = JsonNode.Parse(payload)!["data"] ?? JsonNode.Parse(payload)!;
        Assert.Equal(EventDataKeys, data.Keys());
        Assert.Equal(id, (string?)data["transaction_id"]);
        Assert.Equal("txn_001", (string?)data["reference_id"]);
        Assert.Equal(85, (int)data["risk_score"]!);
        Assert.Equal("critical", (string?)data["risk_level"]);
        Assert.Equal("block", (string?)data["recommendation"]);
        Assert.Equal(["cross_border_transfer", "sanctioned_country", "amount_above_threshold"], Strings(data["flags"]));
        Assert.False((bool)data["livemode"]!);
    }

    [Fact]
    public async Task Scores_fall_into_the_approve_review_and_block_bands()
    {
        var caller = await Api.NewCallerAsync();
        var clean = await ScreenAsync(caller.Client, Body());
        Assert.Equal((0, "low", "approve", "approved"), Outcome(clean));
        Assert.Empty(clean["flags"]!.AsArray());
        Assert.Equal(["screened", "approved"], clean["timeline"]!.AsArray().Select(e => (string)e!["event"]!));

        // Cross-border alone (20) still approves; with the amount (20 + 25) it is a review.
        var crossBorder = await ScreenAsync(caller.Client, Body(receiverCountry: "GB"));
        Assert.Equal((20, "low", "approve", "approved"), Outcome(crossBorder));
        var review = await ScreenAsync(caller.Client, Body(amount: 20_000, receiverCountry: "GB"));
        Assert.Equal((45, "medium", "review", "pending_review"), Outcome(review));
        Assert.Equal(["screened", "flagged"], review["timeline"]!.AsArray().Select(e => (string)e!["event"]!));
        // A FATF call-for-action country (Myanmar, 30) with the amount (25) and cross-border (20): 75, a block.
        var block = await ScreenAsync(caller.Client, Body(amount: 20_000, receiverCountry: "MM"));
        Assert.Equal((75, "high", "block", "blocked"), Outcome(block));
        Assert.Equal(["cross_border_transfer", "high_risk_country", "amount_above_threshold"], Strings(block["flags"]));

        var events = await EventsAsync(caller.AccountId);
        Assert.Equal(["transaction.flagged", "transaction.blocked"], events.Select(e => e.Type));
        Assert.Contains((string)review["id"]!, events[0].Payload);
        Assert.Contains((string)block["id"]!, events[1].Payload);
    }

    private static (int, string, string, string) Outcome(JsonNode t) =>
        ((int)t["risk_score"]!, (string)t["risk_level"]!, (string)t["recommendation"]!, (string)t["status"]!);

    [Fact]
    public async Task The_amount_threshold_is_per_currency_and_strictly_above()
    {
        var caller = await Api.NewCallerAsync();
        Assert.Empty((await ScreenAsync(caller.Client, Body(amount: 10_000)))["flags"]!.AsArray());
        Assert.Equal(["amount_above_threshold"], Strings((await ScreenAsync(caller.Client, Body(amount: 10_000.01)))["flags"]));
        Assert.Equal(["amount_above_threshold"], Strings((await ScreenAsync(caller.Client, Body(amount: 9_000, currency: "GBP")))["flags"]));
        Assert.Empty((await ScreenAsync(caller.Client, Body(amount: 1_000_000, currency: "JPY")))["flags"]!.AsArray());
    }

    [Fact]
    public async Task Cross_border_counts_only_for_the_types_that_list_it()
    {
        var caller = await Api.NewCallerAsync();
        Assert.Equal(["cross_border_transfer"], Strings((await ScreenAsync(caller.Client, Body(type: "p2p_payment", receiverCountry: "FR")))["flags"]));
        Assert.Empty((await ScreenAsync(caller.Client, Body(type: "card_payment", receiverCountry: "FR")))["flags"]!.AsArray());
    }

    [Fact]
    public async Task A_counterparty_on_the_sandbox_list_always_blocks_and_links_its_screening()
    {
        var caller = await Api.NewCallerAsync();
        var body = await ScreenAsync(caller.Client, Body(amount: 10, receiverName: "Ivan Sanctioned"));
        Assert.Equal((100, "critical", "block", "blocked"), Outcome(body));
        Assert.Equal(["sanctioned_counterparty"], Strings(body["flags"]));
        Assert.Equal("rule_sc_003", (string?)body["rules_triggered"]![0]!["rule_id"]);
        var receiver = body["counterparty_screening"]!["receiver"]!;
        Assert.Equal(["status", "highest_score", "screening_id"], receiver.Keys());
        Assert.Equal("potential_match", (string?)receiver["status"]);
        Assert.Equal(0.95, (double)receiver["highest_score"]!);
        var screening = await (await caller.Client.GetAsync($"/api/v1/aml/screen/{(string)receiver["screening_id"]!}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((string?)body["id"], (string?)screening["reference_id"]);
        Assert.Equal("clear", (string?)body["counterparty_screening"]!["sender"]!["status"]);

        Assert.Empty((await ScreenAsync(caller.Client, Body(receiverName: "Ivan Sanctionedov")))["flags"]!.AsArray());
    }

    [Fact]
    public async Task Velocity_counts_and_sums_the_sender_accounts_transactions_across_requests()
    {
        var caller = await Api.NewCallerAsync();
        var sender = "vel-" + Unique();
        for (var i = 0; i < 10; i++)
            Assert.DoesNotContain("high_velocity_count", Strings((await ScreenAsync(caller.Client, Body(type: "card_payment", senderAccount: sender)))["flags"]));
        Assert.Contains("high_velocity_count", Strings((await ScreenAsync(caller.Client, Body(type: "card_payment", senderAccount: sender)))["flags"]));
        // Another account's sender of the same name is not counted.
        var other = await Api.NewCallerAsync();
        Assert.Empty((await ScreenAsync(other.Client, Body(type: "card_payment", senderAccount: sender)))["flags"]!.AsArray());
        // The window slides: an hour later the count starts again.
        Api.Clock.Advance(TimeSpan.FromMinutes(61));
        Assert.DoesNotContain("high_velocity_count", Strings((await ScreenAsync(caller.Client, Body(type: "card_payment", senderAccount: sender)))["flags"]));

        var payer = "sum-" + Unique();
        for (var i = 0; i < 3; i++)
            Assert.Empty((await ScreenAsync(caller.Client, Body(amount: 9_000, senderAccount: payer)))["flags"]!.AsArray());
        var fourth = await ScreenAsync(caller.Client, Body(amount: 9_000, senderAccount: payer));
        Assert.Equal(["high_velocity_amount"], Strings(fourth["flags"]));
        Assert.Equal(30, (int)fourth["risk_score"]!);
        // Another currency is summed on its own.
        Assert.Empty((await ScreenAsync(caller.Client, Body(amount: 9_000, currency: "EUR", senderAccount: payer)))["flags"]!.AsArray());
    }

    [Fact]
    public async Task A_new_recipient_is_flagged_once_for_ach_transfers()
    {
        var caller = await Api.NewCallerAsync();
        var (sender, receiver) = ("s-" + Unique(), "r-" + Unique());
        var first = await ScreenAsync(caller.Client, Body(type: "ach_transfer", senderAccount: sender, receiverAccount: receiver));
        Assert.Equal(["new_recipient"], Strings(first["flags"]));
        Assert.Equal("rule_new_001", (string?)first["rules_triggered"]![0]!["rule_id"]);
        Assert.Empty((await ScreenAsync(caller.Client, Body(type: "ach_transfer", senderAccount: sender, receiverAccount: receiver)))["flags"]!.AsArray());
        Assert.Empty((await ScreenAsync(caller.Client, Body(type: "wire_transfer", senderAccount: sender, receiverAccount: "r-" + Unique())))["flags"]!.AsArray());
    }

    [Fact]
    public async Task A_batch_reads_its_senders_history_pair_by_pair_and_in_order()
    {
        var caller = await Api.NewCallerAsync();
        var (a, b, payer) = ("a-" + Unique(), "b-" + Unique(), "p-" + Unique());
        var (r1, r2) = ("r1-" + Unique(), "r2-" + Unique());
        async Task<List<string[]>> BatchFlagsAsync(params string[] items)
        {
            var body = await (await caller.Client.PostJsonAsync(Batch, $$"""{"transactions":[{{string.Join(',', items)}}]}""")).ExpectAsync(HttpStatusCode.OK);
            var ids = body["results"]!.AsArray().Select(r => (string)r!["id"]!).ToList();
            var flags = new List<string[]>();
            foreach (var id in ids)
                flags.Add(Strings((await (await caller.Client.GetAsync($"{Transactions}/{id}")).ExpectAsync(HttpStatusCode.OK))["flags"]));
            return flags;
        }

        Assert.Equal(
            [["new_recipient"], ["new_recipient"], [], []],
            await BatchFlagsAsync(
                Body(type: "ach_transfer", senderAccount: a, receiverAccount: r1), Body(type: "ach_transfer", senderAccount: b, receiverAccount: r2),
                Body(amount: 9_000, senderAccount: payer), Body(amount: 9_000, senderAccount: payer)));
        // a and r2 both have history, but a never paid r2: only exact pairs count, stored or earlier in the batch. The payer's
        // third 9,000 USD makes 27,000 (not above 3 × 10,000), the fourth 36,000; EUR is summed apart.
        Assert.Equal(
            [["new_recipient"], ["new_recipient"], [], [], [], [], ["high_velocity_amount"]],
            await BatchFlagsAsync(
                Body(type: "ach_transfer", senderAccount: a, receiverAccount: r2), Body(type: "ach_transfer", senderAccount: b, receiverAccount: r1),
                Body(type: "ach_transfer", senderAccount: a, receiverAccount: r1), Body(type: "ach_transfer", senderAccount: a, receiverAccount: r2),
                Body(amount: 9_000, senderAccount: payer), Body(amount: 9_000, currency: "EUR", senderAccount: payer),
                Body(amount: 9_000, senderAccount: payer)));
    }

    [Fact]
    public async Task The_per_type_factors_read_their_metadata_signals()
    {
        var caller = await Api.NewCallerAsync();
        async Task<string[]> FlagsOf(string type, string metadata) =>
            Strings((await ScreenAsync(caller.Client, Body(type: type, extra: $$"""{"metadata":{{metadata}}}""")))["flags"]);
        Assert.Equal(["high_risk_merchant_category"], await FlagsOf("card_payment", """{"merchant_category":"7995"}"""));
        Assert.Empty(await FlagsOf("card_payment", """{"merchant_category":"5411"}"""));
        Assert.Empty(await FlagsOf("wire_transfer", """{"merchant_category":"7995"}"""));
        Assert.Equal(["mixer_usage"], await FlagsOf("crypto_transfer", """{"mixer_usage":true}"""));
        Assert.Empty(await FlagsOf("crypto_transfer", """{"mixer_usage":"yes"}"""));
        Assert.Equal(["high_risk_wallet"], await FlagsOf("crypto_transfer", """{"wallet_risk_score":75}"""));
        Assert.Empty(await FlagsOf("crypto_transfer", """{"wallet_risk_score":74.9}"""));
        Assert.Equal(["high_risk_recipient"], await FlagsOf("p2p_payment", """{"recipient_risk_score":90}"""));
        Assert.Equal(["new_recipient"], await FlagsOf("ach_transfer", """{"recipient_risk_score":90,"mixer_usage":true}"""));
    }

    [Fact]
    public async Task Invalid_fields_are_422s_naming_each_field()
    {
        var caller = await Api.NewCallerAsync();
        var details = await (await caller.Client.PostJsonAsync(Screen, """
            {"type":"cheque","amount":0,"currency":"XYZ","sender":{"account":"a","country":"Atlantis"},"receiver":"bob",
             "occurred_at":"2026-03-15","metadata":{"k":[1]},"reference_id":7}
            """)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(
            ["type", "amount", "currency", "sender.name", "sender.country", "receiver", "reference_id", "occurred_at", "metadata.k"],
            details!.Keys());
        Assert.Equal("The amount must be greater than 0.", (string?)details!["amount"]![0]);
        var missing = await (await caller.Client.PostJsonAsync(Screen, "{}")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["type", "amount", "currency", "sender", "receiver"], missing!.Keys());
        var future = await (await caller.Client.PostJsonAsync(Screen, Body(extra: $$"""{"occurred_at":"{{Api.NowText(TimeSpan.FromHours(1))}}"}""")))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["occurred_at"], future!.Keys());
        Assert.Equal(0, await Api.WithDbAsync(db => db.Transactions.CountAsync(t => t.AccountId == caller.AccountId)));
    }

    [Fact]
    public async Task A_batch_is_screened_in_order_with_a_summary_and_one_bad_item_stores_nothing()
    {
        var caller = await Api.NewCallerAsync();
        var sender = "b-" + Unique();
        var items = Enumerable.Range(0, 5).Select(i => Body(senderAccount: sender, amount: i == 4 ? 20_000 : 100, receiverCountry: i == 4 ? "GB" : "US")).ToList();
        var bad = items.ToList();
        bad[3] = Body(amount: -5);
        var details = await (await caller.Client.PostJsonAsync(Batch, $$"""{"transactions":[{{string.Join(',', bad)}}]}"""))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["transactions.3.amount"], details!.Keys());
        Assert.Equal("The transactions.3.amount must be greater than 0.", (string?)details!["transactions.3.amount"]![0]);
        Assert.Equal(0, await Api.WithDbAsync(db => db.Transactions.CountAsync(t => t.AccountId == caller.AccountId)));

        var body = await (await caller.Client.PostJsonAsync(Batch, $$"""{"transactions":[{{string.Join(',', items)}}]}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["results", "summary"], body.Keys());
        var results = body["results"]!.AsArray();
        Assert.Equal(5, results.Count);
        Assert.All(results, r => Assert.Equal(["id", "reference_id", "risk_score", "risk_level", "recommendation"], r!.Keys()));
        Assert.Equal("review", (string?)results[4]!["recommendation"]);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"total":5,"approved":4,"review":1,"blocked":0}"""), body["summary"]));
        Assert.Equal(5, await Api.WithDbAsync(db => db.Transactions.CountAsync(t => t.AccountId == caller.AccountId)));

        var tooMany = $$"""{"transactions":[{{string.Join(',', Enumerable.Repeat(Body(), 101))}}]}""";
        var over = await (await caller.Client.PostJsonAsync(Batch, tooMany)).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["transactions"], over!.Keys());
        var notObject = await (await caller.Client.PostJsonAsync(Batch, """{"transactions":[1]}""")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["transactions.0"], notObject!.Keys());
    }

    [Fact]
    public async Task Items_of_one_batch_count_in_each_others_velocity()
    {
        var caller = await Api.NewCallerAsync();
        var sender = "bv-" + Unique();
        var items = Enumerable.Range(0, 11).Select(_ => Body(type: "card_payment", senderAccount: sender));
        var body = await (await caller.Client.PostJsonAsync(Batch, $$"""{"transactions":[{{string.Join(',', items)}}]}""")).ExpectAsync(HttpStatusCode.OK);
        var scores = body["results"]!.AsArray().Select(r => (int)r!["risk_score"]!).ToList();
        Assert.Equal([.. Enumerable.Repeat(0, 10), 25], scores);
    }

    [Fact]
    public async Task Decisions_escalate_then_approve_repeat_freely_and_conflict_when_different()
    {
        var caller = await Api.NewCallerAsync();
        var review = await ScreenAsync(caller.Client, Body(amount: 20_000, receiverCountry: "GB"));
        var id = (string)review["id"]!;
        var decide = $"{Transactions}/{id}/decision";

        var escalated = await (await caller.Client.PostJsonAsync(decide, """{"decision":"escalate","reason":"Needs a second look"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["id", "decision", "decided_by", "decided_at", "status"], escalated.Keys());
        Assert.Equal("escalated", (string?)escalated["status"]);
        Assert.StartsWith((string)escalated["decided_by"]!, caller.Key);
        Assert.Equal(Api.NowText(), (string?)escalated["decided_at"]);

        var approved = await (await caller.Client.PostJsonAsync(decide, """{"decision":"approve"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(("approve", "approved"), ((string)approved["decision"]!, (string)approved["status"]!));
        await (await caller.Client.PostJsonAsync(decide, """{"decision":"approve"}""")).ExpectAsync(HttpStatusCode.OK);
        await (await caller.Client.PostJsonAsync(decide, """{"decision":"block"}""")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
        await (await caller.Client.PostJsonAsync(decide, """{"decision":"escalate"}""")).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");

        var fetched = await (await caller.Client.GetAsync($"{Transactions}/{id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("approved", (string?)fetched["status"]);
        Assert.Equal("review", (string?)fetched["recommendation"]);
        Assert.Equal(["decision", "reason", "decided_by", "decided_at"], fetched["decision"]!.Keys());
        Assert.Null(fetched["decision"]!["reason"]);
        Assert.Equal(["screened", "flagged", "decided", "escalated", "decided", "approved"], fetched["timeline"]!.AsArray().Select(e => (string)e!["event"]!));

        var details = await (await caller.Client.PostJsonAsync(decide, """{"decision":"allow"}""")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["decision"], details!.Keys());
        await (await caller.Client.PostJsonAsync($"{Transactions}/txn_nope/decision", """{"decision":"approve"}""")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task A_block_decision_raises_transaction_blocked()
    {
        var caller = await Api.NewCallerAsync();
        var review = await ScreenAsync(caller.Client, Body(amount: 20_000, receiverCountry: "GB"));
        await (await caller.Client.PostJsonAsync($"{Transactions}/{(string)review["id"]!}/decision", """{"decision":"block"}""")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["transaction.flagged", "transaction.blocked"], (await EventsAsync(caller.AccountId)).Select(e => e.Type));
    }

    [Fact]
    public async Task The_list_pages_newest_first_and_filters()
    {
        var caller = await Api.NewCallerAsync();
        var ids = new List<string>();
        var session = await CreateAsync(caller.Client);
        for (var i = 0; i < 4; i++)
        {
            Api.Clock.Advance(TimeSpan.FromSeconds(1));
            ids.Add((string)(await ScreenAsync(caller.Client, Body(amount: i == 1 ? 20_000 : 100, receiverCountry: i == 1 ? "GB" : "US",
                extra: i == 2 ? $$"""{"reference_id":"order-7","session_id":"{{session}}"}""" : "")))["id"]!);
        }
        ids.Reverse();

        var page = await (await caller.Client.GetAsync($"{Transactions}?per_page=3")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(ids[..3], page["data"]!.AsArray().Select(t => (string)t!["id"]!));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"current_page":1,"last_page":2,"per_page":3,"total":4}"""), page["meta"]));
        Assert.All(page["data"]!.AsArray(), t => Assert.Equal(TransactionKeys, t!.Keys()));
        var second = await (await caller.Client.GetAsync($"{Transactions}?per_page=3&page=2")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(ids[3..], second["data"]!.AsArray().Select(t => (string)t!["id"]!));
        var past = await (await caller.Client.GetAsync($"{Transactions}?page=9")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(past["data"]!.AsArray());

        async Task<string[]> Ids(string query) =>
            (await (await caller.Client.GetAsync($"{Transactions}?{query}")).ExpectAsync(HttpStatusCode.OK))["data"]!.AsArray().Select(t => (string)t!["id"]!).ToArray();
        Assert.Equal([ids[2]], await Ids("status=pending_review"));
        Assert.Equal([ids[2]], await Ids("recommendation=review"));
        Assert.Equal(3, (await Ids("status=approved")).Length);
        Assert.Equal([ids[1]], await Ids("reference_id=order-7"));
        Assert.Equal([ids[1]], await Ids($"session_id={session}"));
        var today = Api.NowText()[..10];
        Assert.Equal(4, (await Ids($"from={today}&to={today}")).Length);
        Assert.Empty(await Ids($"from={Api.NowText(TimeSpan.FromDays(1))[..10]}"));

        var details = await (await caller.Client.GetAsync($"{Transactions}?status=review&recommendation=pending&per_page=0&from=2026-13-01"))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Contains("status", details!.Keys());
        Assert.Contains("recommendation", details!.Keys());
        Assert.Contains("per_page", details!.Keys());
    }

    [Fact]
    public async Task Another_accounts_or_modes_transaction_is_not_found()
    {
        var caller = await Api.NewCallerAsync();
        var id = (string)(await ScreenAsync(caller.Client, Body()))["id"]!;
        var stranger = await Api.NewCallerAsync();
        await (await stranger.Client.GetAsync($"{Transactions}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await stranger.Client.PostJsonAsync($"{Transactions}/{id}/decision", """{"decision":"block"}""")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await (await stranger.Client.GetAsync(Transactions)).ExpectAsync(HttpStatusCode.OK))["data"]!.AsArray());

        var live = await Api.NewCallerAsync(live: true, accountName: caller.AccountName);
        Assert.Equal(caller.AccountId, live.AccountId);
        await (await live.Client.GetAsync($"{Transactions}/{id}")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        await (await live.Client.PostJsonAsync($"{Transactions}/{id}/decision", """{"decision":"block"}""")).ExpectErrorAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Empty((await (await live.Client.GetAsync(Transactions)).ExpectAsync(HttpStatusCode.OK))["data"]!.AsArray());
    }

    [Fact]
    public async Task A_session_id_must_name_a_session_of_the_callers_account_and_mode()
    {
        var caller = await Api.NewCallerAsync();
        var own = await CreateAsync(caller.Client);
        var foreign = await CreateAsync((await Api.NewCallerAsync()).Client);
        var liveSession = await CreateAsync((await Api.NewCallerAsync(live: true, accountName: caller.AccountName)).Client);
        var screened = await ScreenAsync(caller.Client, Body(extra: $$"""{"session_id":"{{own}}"}"""));
        Assert.Equal(own, (string?)screened["session_id"]);

        foreach (var bad in new[] { foreign, liveSession, "ses_unknown" })
        {
            var details = await (await caller.Client.PostJsonAsync(Screen, Body(extra: $$"""{"session_id":"{{bad}}"}""")))
                .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
            Assert.Equal(["session_id"], details!.Keys());
            Assert.Equal("The session_id is not a session of this account in this mode.", (string?)details!["session_id"]![0]);
        }
        var good = Body(extra: $$"""{"session_id":"{{own}}"}""");
        var wrong = Body(extra: $$"""{"session_id":"{{foreign}}"}""");
        var batch = await (await caller.Client.PostJsonAsync(Batch, $$"""{"transactions":[{{good}},{{wrong}}]}"""))
            .ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal(["transactions.1.session_id"], batch!.Keys());
        Assert.Equal(1, await Api.WithDbAsync(db => db.Transactions.CountAsync(t => t.AccountId == caller.AccountId)));
    }

    [Fact]
    public async Task An_idempotency_key_replays_the_screening_and_stores_it_once()
    {
        var caller = await Api.NewCallerAsync();
        var body = Body();
        var first = await caller.Client.PostJsonAsync(Screen, body, idempotencyKey: "k-" + Unique());
        var key = first.RequestMessage!.Headers.GetValues("Idempotency-Key").Single();
        var created = await first.ExpectAsync(HttpStatusCode.Created);
        var replay = await caller.Client.PostJsonAsync(Screen, body, idempotencyKey: key);
        Assert.True(JsonNode.DeepEquals(created, await replay.ExpectAsync(HttpStatusCode.Created)));
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(1, await Api.WithDbAsync(db => db.Transactions.CountAsync(t => t.AccountId == caller.AccountId)));
        await (await caller.Client.PostJsonAsync(Screen, Body(), idempotencyKey: key)).ExpectErrorAsync(HttpStatusCode.Conflict, "conflict");
    }
}

public sealed class TransactionApiTestsOnSqlite(SqliteApiFixture api) : TransactionApiTests(api), IClassFixture<SqliteApiFixture>;

public sealed class TransactionApiTestsOnPostgres(PostgresApiFixture api) : TransactionApiTests(api), IClassFixture<PostgresApiFixture>;
