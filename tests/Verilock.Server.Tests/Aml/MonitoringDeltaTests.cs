using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Domain.Aml;
using Verilock.Infrastructure.Aml;
using Verilock.Screening.Lists;
using Verilock.Server.Aml;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Aml;

/// <summary>
/// Monitoring re-screens an item against only what a list version changed since the lists its matches were found
/// against, and writes a run only when its matches change: the outcome must be what screening it whole gives.
/// </summary>
public abstract class MonitoringDeltaTests(MonitoringApiFixture api) : ApiTests(api)
{
    private new MonitoringApiFixture Api => api;

    private static readonly TestLists.Person Ada = new("9300001", "ADA", "DELTOVA", 1970);
    private static readonly TestLists.Person Bea = new("9300002", "BEA", "DELTOVA", 1975);
    private static readonly TestLists.Person Cem = new("9300003", "CEM", "DELTOVA", 1980);
    private static readonly TestLists.Person Dan = new("9300004", "DAN", "QUIETOV", 1985);

    private Task<List<AmlScreening>> RunsOfAsync(string parentId) => Api.WithDbAsync(db =>
        db.AmlScreenings.AsNoTracking().Where(s => s.ParentScreeningId == parentId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync());

    /// <summary>A new UN version with these people (and the standing one), monitored by a fresh instance.</summary>
    private async Task<(AmlListSet Set, AmlMonitoring.RunOutcome Outcome)> PublishAndRunAsync(int version, params TestLists.Person[] people)
    {
        Api.Clock.Advance(TimeSpan.FromMinutes(10));
        var published = Directory.CreateTempSubdirectory("verilock-published-").FullName;
        try
        {
            TestLists.WriteUn(published, new DateOnly(2026, 9, 1).AddDays(version), [TestLists.Standing, .. people]);
            var list = new LoadedList(
                ListsDirectory.LoadList(published, "un_sc", Api.Clock.GetUtcNow()),
                LoadedList.HashFiles(LoadedList.SourceFiles("un_sc", Path.Combine(published, "un_sc"))));
            var set = AmlListSet.Build([list]);
            var outcome = await ActivatorUtilities.CreateInstance<AmlMonitoring>(Api.Services).RunAsync(set, [list], CancellationToken.None);
            Assert.Equal([list.Key], outcome.Claimed);
            return (set, outcome);
        }
        finally
        {
            Directory.Delete(published, recursive: true);
        }
    }

    /// <summary>Every monitored screening's latest matches (its last run's, else its own) are what screening it whole against <paramref name="set"/> gives.</summary>
    private async Task AssertSameAsScreenedWholeAsync(AmlListSet set, IEnumerable<string> parents)
    {
        foreach (var parentId in parents)
        {
            var parent = await Api.WithDbAsync(db => db.AmlScreenings.AsNoTracking().SingleAsync(s => s.Id == parentId));
            var latest = (await RunsOfAsync(parentId)).LastOrDefault()?.Matches ?? parent.Matches;
            var whole = AmlScreener.Screen(set, parent.Query, parent.Lists, parent.Threshold);
            Assert.True(MonitoringRescreen.Same(whole, latest), $"{parent.Query.ScreenedName}: {whole.Count} matches screened whole, {latest.Count} kept");
        }
    }

    [Fact]
    public async Task A_new_version_is_screened_through_the_delta_and_only_changed_matches_are_written()
    {
        var live = await Api.NewCallerAsync(live: true);
        async Task<string> MonitoredAsync(string json) => (string)(await live.Client.ScreenAsync(json))["id"]!;
        var ada = await MonitoredAsync("""{"full_name":"Ada Deltova","monitoring_enabled":true}""");
        var bea = await MonitoredAsync("""{"full_name":"Bea Deltova","date_of_birth":"1975-05-05","monitoring_enabled":true}""");
        var cem = await MonitoredAsync("""{"full_name":"Cem Deltova","monitoring_enabled":true,"threshold":0.9}""");
        var dan = await MonitoredAsync("""{"first_name":"Dan","last_name":"Quietov","monitoring_enabled":true}""");
        var all = new[] { ada, bea, cem, dan };

        // Version 1: nothing was screened against a stored basis yet, so all is screened whole; Ada and Bea are new matches.
        var (v1, first) = await PublishAndRunAsync(1, Ada, Bea);
        Assert.Equal(first.Screened, first.ScreenedWhole);
        Assert.Equal(2, first.Changed);
        Assert.Equal(["un_sc:9300001"], Assert.Single(await RunsOfAsync(ada)).Matches.Select(m => m.EntityId));
        Assert.Empty(await RunsOfAsync(cem));
        Assert.Empty(await RunsOfAsync(dan)); // no match before, none now: no run row
        await AssertSameAsScreenedWholeAsync(v1, all);

        // Version 2: Ada delisted, Bea's birth year corrected (her match shows another date), Cem listed.
        var (v2, second) = await PublishAndRunAsync(2, Bea with { BirthYear = 1976 }, Cem);
        // Ada and Cem are screened whole: their names run together ("adadeltova", "cemdeltova") are words only one of
        // the versions lists, which decides whether a query word is looked up two edits away. Bea and Dan go through the delta.
        Assert.Equal(2, second.ScreenedWhole);
        Assert.Equal(3, second.Changed);
        Assert.Equal(1, second.WithNewMatches);
        var adaRun = (await RunsOfAsync(ada))[^1];
        Assert.Empty(adaRun.Matches);
        Assert.Equal(AmlScreeningStatus.Clear, adaRun.Status);
        Assert.Empty(await Api.ScreeningEventsAsync(adaRun.Id)); // a match gone is no new match
        var beaRuns = await RunsOfAsync(bea);
        Assert.Equal(2, beaRuns.Count);
        Assert.Equal("1976", Assert.Single(beaRuns[1].Matches).DateOfBirth);
        Assert.Empty(await Api.ScreeningEventsAsync(beaRuns[1].Id)); // the same entity: nothing new
        var cemRun = Assert.Single(await RunsOfAsync(cem));
        Assert.Equal(["aml.monitoring.match"], (await Api.ScreeningEventsAsync(cemRun.Id)).Select(e => e.Type));
        Assert.Empty(await RunsOfAsync(dan));
        await AssertSameAsScreenedWholeAsync(v2, all);

        // Version 3, same people: nothing changes, nothing is written but the marks; last_monitoring_at moves.
        var (v3, third) = await PublishAndRunAsync(3, Bea with { BirthYear = 1976 }, Cem);
        Assert.Equal((0, 0, 0), (third.ScreenedWhole, third.Changed, third.WithNewMatches));
        Assert.Single(await RunsOfAsync(cem));
        Assert.Equal(Api.NowText(), (string?)(await (await live.Client.GetAsync($"{AmlRequests.Screen}/{dan}")).ExpectAsync(HttpStatusCode.OK))["last_monitoring_at"]);
        await AssertSameAsScreenedWholeAsync(v3, all);

        // A basis no longer known (or of another engine build) is never trusted: those items are screened whole.
        await Api.WithDbAsync(db => db.AmlMonitoringStates.ExecuteUpdateAsync(m => m.SetProperty(x => x.BasisKey, "gone")));
        var (v4, fourth) = await PublishAndRunAsync(4, Bea with { BirthYear = 1976 }, Cem, Dan);
        Assert.Equal(fourth.Screened, fourth.ScreenedWhole);
        Assert.Equal(["un_sc:9300004"], Assert.Single(await RunsOfAsync(dan)).Matches.Select(m => m.EntityId));
        await AssertSameAsScreenedWholeAsync(v4, all);
        var basis = MonitoringBasis.KeyOf(v4);
        Assert.All(await Api.WithDbAsync(db => db.AmlMonitoringStates.AsNoTracking().ToListAsync()), m => Assert.Equal(basis, m.BasisKey));
        var stored = await Api.WithDbAsync(db => MonitoringBases.LoadAsync(db, basis, CancellationToken.None));
        Assert.Equal(v4.Index.BasisFingerprints().OrderBy(p => p.Key), stored!.Value.Fingerprints.OrderBy(p => p.Key));
    }
}

public sealed class MonitoringDeltaTestsOnSqlite(SqliteMonitoringApiFixture api) : MonitoringDeltaTests(api), IClassFixture<SqliteMonitoringApiFixture>;

public sealed class MonitoringDeltaTestsOnPostgres(PostgresMonitoringApiFixture api) : MonitoringDeltaTests(api), IClassFixture<PostgresMonitoringApiFixture>;
