using System.Net;
using System.Text.Json;
using Verilock.Client.Tests.Support;

namespace Verilock.Client.Tests;

/// <summary><c>client.Transactions</c> against the real server: types, screening one and a batch, reading, lists and decisions.</summary>
public sealed class TransactionTests(ServerFixture server)
{
    private TransactionScreenOptions Wire(string receiverCountry, decimal amount, string? referenceId = null, string receiver = "Reza Karimi") => new()
    {
        Type = TransactionTypes.WireTransfer,
        Amount = amount,
        Currency = "usd",
        // An account per reference: one sender's transfers add up in the velocity rules.
        Sender = new TransactionPartyOptions { Name = "Alice Martin", Account = "US-" + (referenceId ?? "001"), Country = "US" },
        Receiver = new TransactionPartyOptions { Name = receiver, Account = "XX-9", Country = receiverCountry },
        ReferenceId = referenceId,
        OccurredAt = server.Clock.GetUtcNow().AddMinutes(-1),
        Metadata = new Dictionary<string, object?> { ["channel"] = "web", ["attempt"] = 1, ["vip"] = false },
    };

    [Fact]
    public async Task The_types_are_the_five_of_the_spec_with_their_risk_factors()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var types = await client.Transactions.GetTypesAsync();
        Assert.Equal(
            [TransactionTypes.WireTransfer, TransactionTypes.CardPayment, TransactionTypes.CryptoTransfer, TransactionTypes.AchTransfer, TransactionTypes.P2pPayment],
            types.Select(t => t.Id));
        Assert.Equal("Wire transfer", types[0].Name);
        Assert.NotEmpty(types[0].Description);
        Assert.Equal(["amount", "cross_border", "sanctioned_country"], types[0].RiskFactors);
    }

    [Fact]
    public async Task A_transfer_to_a_sanctioned_country_is_blocked_with_its_rules_and_timeline()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var options = Wire("IR", 15000m, "txn_001");
        var screened = await client.Transactions.ScreenAsync(options, new RequestOptions { IdempotencyKey = "txn-client-once" });

        Assert.Equal(HttpStatusCode.Created, screened.Response!.StatusCode);
        Assert.Equal("txn-client-once", screened.Response.IdempotencyKey);
        Assert.Matches("^txn_", screened.Id);
        Assert.False(screened.Livemode);
        Assert.Equal("txn_001", screened.ReferenceId);
        Assert.Null(screened.SessionId);
        Assert.Equal(TransactionTypes.WireTransfer, screened.Type);
        Assert.Equal(15000m, screened.Amount);
        Assert.Equal("USD", screened.Currency);
        Assert.Equal("Alice Martin", screened.Sender.Name);
        Assert.Equal("US-txn_001", screened.Sender.Account);
        Assert.Equal("IR", screened.Receiver.Country);
        Assert.Equal(85, screened.RiskScore);
        Assert.Equal(RiskLevels.Critical, screened.RiskLevel);
        Assert.Equal(TransactionRecommendations.Block, screened.Recommendation);
        Assert.Equal(TransactionStatuses.Blocked, screened.Status);
        Assert.Equal(["cross_border_transfer", "sanctioned_country", "amount_above_threshold"], screened.Flags);
        Assert.Equal(["rule_xb_001", "rule_sc_001", "rule_amt_001"], screened.RulesTriggered.Select(r => r.RuleId));
        Assert.Equal("critical", screened.RulesTriggered[1].Severity);
        Assert.Equal(40, screened.RulesTriggered[1].ScoreImpact);
        Assert.Equal("clear", screened.CounterpartyScreening.Receiver.Status);
        Assert.Null(screened.CounterpartyScreening.Receiver.ScreeningId);
        Assert.Equal(["screened", "blocked"], screened.Timeline.Select(e => e.Event));
        Assert.Null(screened.Decision);
        Assert.Equal(screened.CreatedAt, screened.ScreenedAt);

        var again = await client.Transactions.ScreenAsync(options, new RequestOptions { IdempotencyKey = "txn-client-once" });
        Assert.True(again.Response!.IdempotentReplayed);
        Assert.Equal(screened.Id, again.Id);
        var got = await client.Transactions.GetAsync(screened.Id);
        Assert.Equal(screened.Flags, got.Flags);
        Assert.Equal(screened.Timeline.Select(e => e.Timestamp), got.Timeline.Select(e => e.Timestamp));
        Assert.Equal(1, (await client.Transactions.ListAsync()).Meta.Total);
    }

    [Fact]
    public async Task A_sandbox_listed_counterparty_is_blocked_with_the_screening_it_stored()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var screened = await client.Transactions.ScreenAsync(Wire("US", 50m, receiver: "John SANCTIONED"));
        Assert.Equal(TransactionRecommendations.Block, screened.Recommendation);
        Assert.Contains("sanctioned_counterparty", screened.Flags);
        var receiver = screened.CounterpartyScreening.Receiver;
        Assert.Equal("potential_match", receiver.Status);
        Assert.True(receiver.HighestScore >= 0.8);
        var screening = await client.Aml.GetAsync(receiver.ScreeningId!);
        Assert.Equal(screened.Id, screening.ReferenceId);
    }

    [Fact]
    public async Task A_batch_is_screened_in_order_and_one_invalid_item_stores_nothing()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var batch = await client.Transactions.ScreenBatchAsync([Wire("US", 100m, "b-1"), Wire("FR", 15000m, "b-2"), Wire("IR", 15000m, "b-3")]);
        Assert.Equal(HttpStatusCode.OK, batch.Response!.StatusCode);
        Assert.Equal(["b-1", "b-2", "b-3"], batch.Results.Select(r => r.ReferenceId));
        Assert.Equal([TransactionRecommendations.Approve, TransactionRecommendations.Review, TransactionRecommendations.Block], batch.Results.Select(r => r.Recommendation));
        Assert.All(batch.Results, r => Assert.Matches("^txn_", r.Id));
        Assert.Equal(0, batch.Results[0].RiskScore);
        Assert.Equal(RiskLevels.Low, batch.Results[0].RiskLevel);
        Assert.Equal((3, 1, 1, 1), (batch.Summary.Total, batch.Summary.Approved, batch.Summary.Review, batch.Summary.Blocked));

        var invalid = Wire("US", 10m);
        invalid.Amount = -5m;
        invalid.Currency = "XYZ";
        var refused = await Assert.ThrowsAsync<VerilockApiException>(() => client.Transactions.ScreenBatchAsync([Wire("US", 1m), invalid]));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(ApiErrorCodes.ValidationError, refused.Error);
        Assert.Equal(["transactions.1.amount", "transactions.1.currency"], refused.FieldErrors.Keys.Order());
        Assert.Equal(JsonValueKind.Array, refused.Details!.Value.GetProperty("transactions.1.amount").ValueKind);
        Assert.Equal("The transactions.1.amount must be greater than 0.", refused.FieldErrors["transactions.1.amount"][0]);
        Assert.Equal(3, (await client.Transactions.ListAsync()).Meta.Total);
    }

    [Fact]
    public async Task Lists_filter_and_page_automatically_and_decisions_follow_the_rules()
    {
        using var client = server.Client(await server.NewKeyAsync());
        await client.Transactions.ScreenBatchAsync([Wire("US", 100m, "a"), Wire("FR", 15000m, "r1"), Wire("FR", 15000m, "r2"), Wire("FR", 15000m, "r3")]);

        var queue = await client.Transactions.ListAsync(new TransactionListOptions { Status = TransactionStatuses.PendingReview, PerPage = 2 });
        Assert.Equal(3, queue.Meta.Total);
        Assert.Equal(2, queue.Meta.LastPage);
        Assert.Equal(2, queue.Data.Count);
        var walked = new List<string>();
        await foreach (var t in client.Transactions.ListAutoPagingAsync(new TransactionListOptions { Recommendation = TransactionRecommendations.Review, PerPage = 2 }))
            walked.Add(t.ReferenceId!);
        Assert.Equal(["r1", "r2", "r3"], walked.Order());
        var one = Assert.Single((await client.Transactions.ListAsync(new TransactionListOptions { ReferenceId = "a" })).Data);
        Assert.Equal(TransactionStatuses.Approved, one.Status);

        var id = queue.Data[0].Id;
        var escalated = await client.Transactions.DecideAsync(id, new TransactionDecisionOptions { Decision = TransactionDecisions.Escalate, Reason = "Ask compliance" });
        Assert.Equal((id, TransactionDecisions.Escalate, TransactionStatuses.Escalated), (escalated.Id, escalated.Decision, escalated.Status));
        Assert.StartsWith("qi_test_", escalated.DecidedBy);
        var blocked = await client.Transactions.DecideAsync(id, new TransactionDecisionOptions { Decision = TransactionDecisions.Block });
        Assert.Equal(TransactionStatuses.Blocked, blocked.Status);
        var got = await client.Transactions.GetAsync(id);
        Assert.Equal(TransactionDecisions.Block, got.Decision!.Decision);
        Assert.Equal(blocked.DecidedAt, got.Decision.DecidedAt);

        var conflict = await Assert.ThrowsAsync<VerilockApiException>(() =>
            client.Transactions.DecideAsync(id, new TransactionDecisionOptions { Decision = TransactionDecisions.Approve }));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Equal(ApiErrorCodes.Conflict, conflict.Error);
        var invalid = await Assert.ThrowsAsync<VerilockApiException>(() =>
            client.Transactions.DecideAsync(id, new TransactionDecisionOptions { Decision = "maybe" }));
        Assert.Equal(["decision"], invalid.FieldErrors.Keys);
    }

    [Fact]
    public async Task Another_accounts_transaction_is_not_found()
    {
        using var owner = server.Client(await server.NewKeyAsync());
        using var other = server.Client(await server.NewKeyAsync());
        var screened = await owner.Transactions.ScreenAsync(Wire("US", 10m));

        var missing = await Assert.ThrowsAsync<VerilockApiException>(() => other.Transactions.GetAsync(screened.Id));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(ApiErrorCodes.NotFound, missing.Error);
        Assert.Equal("No such transaction.", missing.Message);
        Assert.NotNull(missing.RequestId);
        var decide = await Assert.ThrowsAsync<VerilockApiException>(() =>
            other.Transactions.DecideAsync(screened.Id, new TransactionDecisionOptions { Decision = TransactionDecisions.Approve }));
        Assert.Equal(HttpStatusCode.NotFound, decide.StatusCode);
        Assert.Equal(0, (await other.Transactions.ListAsync()).Meta.Total);
    }

    [Fact]
    public async Task The_account_s_thresholds_are_read_replaced_and_used_and_a_bad_one_is_refused()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var defaults = await client.Transactions.GetSettingsAsync();
        Assert.False(defaults.Livemode);
        Assert.Equal(10000m, defaults.Settings.AmountThresholds!["USD"]);
        Assert.Null(defaults.Overrides.AmountThresholds);
        Assert.Null(defaults.UpdatedBy);
        Assert.Empty((await client.Transactions.ScreenAsync(Wire("US", 2000m, "small_1"))).RulesTriggered);

        var updated = await client.Transactions.UpdateSettingsAsync(new TransactionThresholds
        {
            AmountThresholds = new Dictionary<string, decimal> { ["usd"] = 1500m },
            VelocityMaxCount = 5,
        });
        Assert.Equal(1500m, updated.Settings.AmountThresholds!["USD"]);
        Assert.Equal(1500m, updated.Overrides.AmountThresholds!["USD"]);
        Assert.Equal(5, updated.Overrides.VelocityMaxCount);
        Assert.Null(updated.Overrides.DefaultAmountThreshold);
        Assert.NotNull(updated.UpdatedAt);
        Assert.Equal(updated.UpdatedAt, (await client.Transactions.GetSettingsAsync()).UpdatedAt);
        Assert.Contains((await client.Transactions.ScreenAsync(Wire("US", 2000m, "small_2"))).RulesTriggered, r => r.RuleId == "rule_amt_001");

        var refused = await Assert.ThrowsAsync<VerilockApiException>(() =>
            client.Transactions.UpdateSettingsAsync(new TransactionThresholds { AmountThresholds = new Dictionary<string, decimal> { ["ABC"] = 1m } }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal(["amount_thresholds.ABC"], refused.FieldErrors.Keys);
        Assert.Equal(1500m, (await client.Transactions.GetSettingsAsync()).Settings.AmountThresholds!["USD"]);

        var cleared = await client.Transactions.UpdateSettingsAsync(new TransactionThresholds());
        Assert.Equal(10000m, cleared.Settings.AmountThresholds!["USD"]);
    }
}
