using System.Net;
using System.Text.Json;
using Verilock.Client.Tests.Support;

namespace Verilock.Client.Tests;

/// <summary><c>client.Rules</c> against the real server: every call, a 422 with its details, another account's rule, and a simulation.</summary>
public sealed class RuleTests(ServerFixture server)
{
    private static RuleCreateOptions DeclineTier(string tier, int priority = 0) => new()
    {
        Name = $"Decline {tier}",
        Description = "Accounts of this tier are not served",
        Priority = priority,
        Conditions = [new RuleConditionOptions { Field = RuleFields.Metadata("tier"), Operator = RuleOperators.Eq, Value = tier }],
        Action = new RuleActionOptions { Type = RuleActionTypes.Decline, Reason = "Tier not served" },
    };

    [Fact]
    public async Task Create_get_list_update_and_delete_a_rule()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var late = await client.Rules.CreateAsync(DeclineTier("bronze", priority: 20));
        var early = await client.Rules.CreateAsync(new RuleCreateOptions
        {
            Name = "Review risky",
            Priority = 10,
            Conditions =
            [
                new RuleConditionOptions { Field = RuleFields.RiskScore, Operator = RuleOperators.Gte, Value = 60 },
                new RuleConditionOptions { Field = RuleFields.DocumentType, Operator = RuleOperators.In, Value = new[] { "passport", "id_card" } },
                new RuleConditionOptions { Field = RuleFields.LivenessScore, Operator = RuleOperators.IsNull },
            ],
            Action = new RuleActionOptions { Type = RuleActionTypes.Review },
        });

        Assert.Equal(HttpStatusCode.Created, late.Response!.StatusCode);
        Assert.Matches("^rule_", late.Id);
        Assert.False(late.Livemode);
        Assert.Equal("Decline bronze", late.Name);
        Assert.Equal("Accounts of this tier are not served", late.Description);
        Assert.Equal(20, late.Priority);
        Assert.True(late.Enabled);
        var condition = Assert.Single(late.Conditions);
        Assert.Equal(("metadata.tier", "eq", "bronze"), (condition.Field, condition.Operator, condition.Value!.Value.GetString()));
        Assert.Equal((RuleActionTypes.Decline, "Tier not served"), (late.Action.Type, late.Action.Reason));
        Assert.False(late.AllowOverrideDecline);
        Assert.Equal(late.CreatedAt, late.UpdatedAt);
        Assert.Null(early.Description);
        Assert.Null(early.Action.Reason);
        Assert.Equal(60, early.Conditions[0].Value!.Value.GetInt32());
        Assert.Equal(["passport", "id_card"], early.Conditions[1].Value!.Value.EnumerateArray().Select(v => v.GetString()));
        Assert.Null(early.Conditions[2].Value);

        var got = await client.Rules.GetAsync(late.Id);
        Assert.Equal(late.Conditions[0].Field, got.Conditions[0].Field);
        var page = await client.Rules.ListAsync(new ListOptions { PerPage = 1 });
        Assert.Equal((2, 2), (page.Meta.Total, page.Meta.LastPage));
        Assert.Equal(early.Id, Assert.Single(page.Data).Id); // priority 10 runs first
        var all = new List<string>();
        await foreach (var rule in client.Rules.ListAutoPagingAsync(new ListOptions { PerPage = 1 }))
            all.Add(rule.Id);
        Assert.Equal([early.Id, late.Id], all);

        server.Clock.Advance(TimeSpan.FromSeconds(1));
        var changed = await client.Rules.UpdateAsync(late.Id, new RuleUpdateOptions
        {
            Enabled = false,
            AllowOverrideDecline = true,
            Conditions = [new RuleConditionOptions { Field = RuleFields.SessionSteps, Operator = RuleOperators.Contains, Value = "aml" }],
        });
        Assert.False(changed.Enabled);
        Assert.True(changed.AllowOverrideDecline);
        Assert.Equal(RuleFields.SessionSteps, Assert.Single(changed.Conditions).Field);
        Assert.Equal("Decline bronze", changed.Name); // not sent, so not changed
        Assert.Equal(late.Action.Reason, changed.Action.Reason);
        Assert.True(changed.UpdatedAt > changed.CreatedAt);

        var deleted = await client.Rules.DeleteAsync(late.Id);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var missing = await Assert.ThrowsAsync<VerilockApiException>(() => client.Rules.GetAsync(late.Id));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("No such rule.", missing.Message);
    }

    [Fact]
    public async Task A_bad_rule_is_a_422_naming_the_place_and_another_accounts_rule_is_not_found()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var invalid = await Assert.ThrowsAsync<VerilockApiException>(() => client.Rules.CreateAsync(new RuleCreateOptions
        {
            Name = "Bad",
            Conditions =
            [
                new RuleConditionOptions { Field = RuleFields.RiskScore, Operator = RuleOperators.Gte, Value = 50 },
                new RuleConditionOptions { Field = RuleFields.RiskLevel, Operator = RuleOperators.Gt, Value = "high" },
            ],
            Action = new RuleActionOptions { Type = "explode" },
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal(ApiErrorCodes.ValidationError, invalid.Error);
        Assert.Equal(["action.type", "conditions.1.operator"], invalid.FieldErrors.Keys.Order());
        Assert.Contains("The operator gt does not apply to risk_level.", invalid.FieldErrors["conditions.1.operator"][0]);
        Assert.Equal(JsonValueKind.Object, invalid.Details!.Value.ValueKind);
        Assert.Equal(0, (await client.Rules.ListAsync()).Meta.Total);

        var rule = await client.Rules.CreateAsync(DeclineTier("gold"));
        using var other = server.Client(await server.NewKeyAsync());
        var missing = await Assert.ThrowsAsync<VerilockApiException>(() => other.Rules.GetAsync(rule.Id));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(ApiErrorCodes.NotFound, missing.Error);
        var update = await Assert.ThrowsAsync<VerilockApiException>(() => other.Rules.UpdateAsync(rule.Id, new RuleUpdateOptions { Enabled = false }));
        Assert.Equal(HttpStatusCode.NotFound, update.StatusCode);
        var delete = await Assert.ThrowsAsync<VerilockApiException>(() => other.Rules.DeleteAsync(rule.Id));
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.True((await client.Rules.GetAsync(rule.Id)).Enabled);
    }

    [Fact]
    public async Task A_simulation_reports_the_decision_a_draft_would_change_and_changes_nothing()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var gold = await DecidedSessionAsync(client, "gold");
        await DecidedSessionAsync(client, "silver");

        var simulation = await client.Rules.SimulateAsync(new RuleSimulateOptions
        {
            Rule = DeclineTier("gold"),
            From = DateOnly.FromDateTime(ServerFixture.Start.UtcDateTime),
            Limit = 100,
        });

        Assert.Equal(HttpStatusCode.OK, simulation.Response!.StatusCode);
        Assert.Equal((2, 1, 1), (simulation.SessionsEvaluated, simulation.Matched, simulation.DecisionsChanged));
        var change = Assert.Single(simulation.Changes);
        Assert.Equal((gold, SessionDecisions.Approved, SessionDecisions.Declined), (change.SessionId, change.From, change.To));
        Assert.Equal(SessionStatuses.Approved, (await client.Sessions.GetAsync(gold)).Status);
        Assert.Equal(0, (await client.Rules.ListAsync()).Meta.Total);

        var refused = await Assert.ThrowsAsync<VerilockApiException>(() => client.Rules.SimulateAsync(new RuleSimulateOptions { Limit = 0 }));
        Assert.Equal(["limit", "rule"], refused.FieldErrors.Keys.Order());
    }

    /// <summary>A sandbox session with <c>metadata.tier</c>, taken to its automatic (approved) decision.</summary>
    private async Task<string> DecidedSessionAsync(VerilockClient client, string tier)
    {
        var session = await client.Sessions.CreateAsync(new SessionCreateOptions
        {
            Steps = [VerificationSteps.Document, VerificationSteps.Selfie],
            Applicant = new ApplicantOptions { FirstName = "Jean", LastName = "Dupont" },
            Metadata = new Dictionary<string, object?> { ["tier"] = tier },
        });
        await client.Sessions.UploadDocumentAsync(session.Id, new DocumentUploadOptions
        {
            Type = DocumentTypes.Passport,
            Front = UploadFile.FromBytes(TestFiles.Jpeg(seed: 7), "passport.jpg"),
        });
        await client.Sessions.UploadSelfieAsync(session.Id, UploadFile.FromBytes(TestFiles.Jpeg(seed: 8), "me.jpg"));
        await client.Sessions.SubmitAsync(session.Id);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await client.Sessions.GetAsync(session.Id)).Decision is null)
        {
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Session {session.Id} has no decision after 30 s.");
            await server.RunChecksAsync();
            await Task.Delay(50);
        }
        return session.Id;
    }
}
