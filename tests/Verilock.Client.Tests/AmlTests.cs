using System.Net;
using Verilock.Client.Tests.Support;

namespace Verilock.Client.Tests;

/// <summary>AML through the client: live screening against the fixture's UN list, the sandbox list, decisions and lists.</summary>
public sealed class AmlTests(ServerFixture server)
{
    [Fact]
    public async Task A_live_screening_of_a_listed_name_is_a_potential_match_with_its_details()
    {
        using var client = server.Client(await server.NewKeyAsync(live: true));

        var screening = await client.Aml.ScreenAsync(new AmlScreenOptions
        {
            FullName = $"{SmallUnList.ListedFirstName} {SmallUnList.ListedLastName}",
            ReferenceId = "usr_aml",
        });

        Assert.Equal(HttpStatusCode.Created, screening.Response!.StatusCode);
        Assert.Matches("^aml_", screening.Id);
        Assert.True(screening.Livemode);
        Assert.Equal(AmlScreeningStatuses.PotentialMatch, screening.Status);
        Assert.Equal(RiskLevels.High, screening.RiskLevel);
        Assert.Equal("usr_aml", screening.ReferenceId);
        Assert.Equal("GULBAHAR EXAMPLEZAI", screening.Query.FullName);
        Assert.Contains("un_sc", screening.Lists);
        Assert.Equal(0.8, screening.Threshold);
        var match = Assert.Single(screening.Matches);
        Assert.Equal(1, screening.MatchesFound);
        Assert.Equal("un_sc:9100001", match.EntityId);
        Assert.Equal("un_sc", match.List);
        Assert.Equal("person", match.Schema);
        Assert.Equal("individual", match.EntityType);
        Assert.Equal(screening.HighestScore, match.Score);
        Assert.True(match.Score >= 0.8);
        Assert.Contains("name", match.Reasons);
        Assert.NotNull(match.Details);
        Assert.Null(screening.Decision);
        Assert.False(screening.IsMonitoringRun);

        var clear = await client.Aml.ScreenAsync(new AmlScreenOptions { FirstName = "Marie", LastName = "Curie", DateOfBirth = "1967-11-07" });
        Assert.Equal(AmlScreeningStatuses.Clear, clear.Status);
        Assert.Empty(clear.Matches);
        Assert.Equal(0, clear.HighestScore);
    }

    [Fact]
    public async Task A_decision_confirms_a_match_and_the_opposite_one_is_refused()
    {
        using var client = server.Client(await server.NewKeyAsync());
        // SANCTIONED: the sandbox list's match for test keys (spec §2.2).
        var screening = await client.Aml.ScreenAsync(new AmlScreenOptions { FullName = "John SANCTIONED", ReferenceId = "usr_sbx" });
        Assert.False(screening.Livemode);
        Assert.Equal(AmlScreeningStatuses.PotentialMatch, screening.Status);
        Assert.Equal(["sandbox"], screening.Lists);

        var confirmed = await client.Aml.DecideAsync(screening.Id, new AmlDecisionOptions { Decision = AmlDecisions.ConfirmedMatch, Reason = "Same person." });

        Assert.Equal(AmlScreeningStatuses.ConfirmedMatch, confirmed.Status);
        Assert.Equal(RiskLevels.Critical, confirmed.RiskLevel);
        Assert.Equal(AmlDecisions.ConfirmedMatch, confirmed.Decision!.Decision);
        Assert.Equal("Same person.", confirmed.Decision.Reason);
        Assert.StartsWith("qi_test_", confirmed.Decision.DecidedBy);
        var refused = await Assert.ThrowsAsync<VerilockApiException>(() =>
            client.Aml.DecideAsync(screening.Id, new AmlDecisionOptions { Decision = AmlDecisions.Clear }));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);

        var got = await client.Aml.GetAsync(screening.Id);
        Assert.Equal(AmlScreeningStatuses.ConfirmedMatch, got.Status);
        Assert.Equal(confirmed.Decision.DecidedAt, got.Decision!.DecidedAt);
    }

    [Fact]
    public async Task Screenings_list_with_filters_and_page_automatically()
    {
        using var client = server.Client(await server.NewKeyAsync());
        for (var i = 0; i < 3; i++)
            await client.Aml.ScreenAsync(new AmlScreenOptions { LastName = "SANCTIONED", ReferenceId = "listed" });
        await client.Aml.ScreenAsync(new AmlScreenOptions { LastName = "Nobody", ReferenceId = "clear" });

        var matches = await client.Aml.ListAsync(new AmlScreeningListOptions { Status = AmlScreeningStatuses.PotentialMatch, PerPage = 2 });
        Assert.Equal(3, matches.Meta.Total);
        Assert.Equal(2, matches.Meta.LastPage);
        Assert.All(matches.Data, s => Assert.Equal("listed", s.ReferenceId));

        var all = new List<AmlScreening>();
        await foreach (var screening in client.Aml.ListAutoPagingAsync(new AmlScreeningListOptions { PerPage = 1 }))
            all.Add(screening);
        Assert.Equal(4, all.Count);
        Assert.Single(all, s => s.ReferenceId == "clear");

        Assert.Equal(1, (await client.Aml.ListAsync(new AmlScreeningListOptions { ReferenceId = "clear" })).Meta.Total);
    }

    [Fact]
    public async Task The_lists_are_the_loaded_ones_plus_the_sandbox_for_test_keys()
    {
        using var test = server.Client(await server.NewKeyAsync());
        using var live = server.Client(await server.NewKeyAsync(live: true));

        var liveLists = await live.Aml.GetListsAsync();
        var testLists = await test.Aml.GetListsAsync();

        var un = Assert.Single(liveLists);
        Assert.Equal("un_sc", un.Id);
        Assert.Equal(2, un.EntityCount);
        Assert.Equal("sanctions", un.Type);
        Assert.Contains(testLists, l => l.Id == "sandbox");
    }

    [Fact]
    public async Task A_screening_without_a_name_is_a_validation_exception()
    {
        using var client = server.Client(await server.NewKeyAsync());

        var error = await Assert.ThrowsAsync<VerilockApiException>(() => client.Aml.ScreenAsync(new AmlScreenOptions { Threshold = 2 }));

        Assert.Equal(ApiErrorCodes.ValidationError, error.Error);
        Assert.Contains("threshold", error.FieldErrors.Keys);
    }
}
