using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Domain.Aml;
using Verilock.Domain.Sessions;
using Verilock.Screening.Lists;
using Verilock.Server.Aml;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Aml;

/// <summary>Continuous monitoring (spec §11.4) when the lists directory gets a new version of the UN list.</summary>
public abstract class MonitoringTests(MonitoringApiFixture api) : ApiTests(api)
{
    private new MonitoringApiFixture Api => api;

    private AmlListRefresh Refresh => Api.Services.GetRequiredService<AmlListRefresh>();

    private Task<List<AmlScreening>> RunsOfAsync(string parentId) => Api.WithDbAsync(db =>
        db.AmlScreenings.AsNoTracking().Where(s => s.ParentScreeningId == parentId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync());

    /// <summary>A live session with an aml step that was screened and approved, as the pipeline will leave it.</summary>
    private async Task<(string SessionId, string ScreeningId)> ApprovedSessionAsync(ApiFixture.Caller caller, string firstName, string lastName, bool monitoring)
    {
        var sessionId = await CreateAsync(caller.Client,
            $$"""{"steps":["aml"],"applicant":{"first_name":"{{firstName}}","last_name":"{{lastName}}"},"monitoring_enabled":{{(monitoring ? "true" : "false")}}}""");
        var screeningId = await Api.WithDbAsync(async db =>
        {
            var session = await db.Sessions.SingleAsync(s => s.Id == sessionId);
            await using var scope = Api.Services.CreateAsyncScope();
            var step = new SessionAmlScreening(db, scope.ServiceProvider.GetRequiredService<AmlScreener>(), Api.Clock).Screen(session)!;
            var now = Api.Clock.GetUtcNow().UtcDateTime;
            Assert.True(session.TrySubmit(now));
            session.RecordCheckOutcome(new Dictionary<VerificationStep, StepResult> { [VerificationStep.Aml] = step.Step }, [], now);
            await db.SaveChangesAsync();
            return step.Screening.Id;
        });
        Assert.Equal("approved", (string?)(await (await caller.Client.GetAsync($"{Sessions}/{sessionId}")).ExpectAsync(HttpStatusCode.OK))["status"]);
        return (sessionId, screeningId);
    }

    [Fact]
    public async Task A_new_list_version_rescreens_what_is_monitored_and_reports_only_new_entities()
    {
        var nova = new TestLists.Person("9100101", "NOVA", "EXAMPLOVA", 1980);
        var ivan = new TestLists.Person("9100102", "IVAN", "EXAMPLOVSKI", 1977);
        var live = await Api.NewCallerAsync(live: true);
        var monitored = (string)(await live.Client.ScreenAsync("""{"full_name":"Nova Examplova","monitoring_enabled":true,"reference_id":"cust-7"}"""))["id"]!;
        var unmonitored = (string)(await live.Client.ScreenAsync("""{"full_name":"Nova Examplova"}"""))["id"]!;
        var alreadyMatching = await live.Client.ScreenAsync("""{"full_name":"Gulbahar Examplezai","monitoring_enabled":true}""");
        Assert.Equal("potential_match", (string?)alreadyMatching["status"]);
        var sandbox = (string)(await (await Api.NewCallerAsync(live: false)).Client.ScreenAsync("""{"full_name":"Nova Examplova","monitoring_enabled":true}"""))["id"]!;
        var (session, sessionScreening) = await ApprovedSessionAsync(live, "Ivan", "Examplovski", monitoring: true);
        var (quietSession, _) = await ApprovedSessionAsync(live, "Ivan", "Examplovski", monitoring: false);

        Api.Clock.Advance(TimeSpan.FromMinutes(10));
        Api.PublishUn(nova, ivan);
        Assert.Equal(["un_sc"], (await Refresh.RefreshAsync(CancellationToken.None)).Updated);

        var run = Assert.Single(await RunsOfAsync(monitored));
        var body = await (await live.Client.GetAsync($"{AmlRequests.Screen}/{run.Id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.True((bool)body["is_monitoring_run"]!);
        Assert.Equal(monitored, (string?)body["parent_screening_id"]);
        Assert.Equal("potential_match", (string?)body["status"]);
        Assert.Equal("cust-7", (string?)body["reference_id"]);
        Assert.Equal("Nova Examplova", (string?)body["query"]!["full_name"]);
        Assert.Equal(["un_sc:9100101"], body["matches"]!.AsArray().Select(m => (string)m!["entity_id"]!));
        Assert.Equal(Api.NowText(), (string?)body["created_at"]);
        var events = await Api.ScreeningEventsAsync(run.Id);
        var monitoringMatch = Assert.Single(events);
        Assert.Equal("aml.monitoring.match", monitoringMatch.Type);
        Assert.Equal(
            $$"""{"screening_id":"{{run.Id}}","session_id":null,"reference_id":"cust-7","status":"potential_match","risk_level":"high","highest_score":{{body["highest_score"]!.ToJsonString()}},"matches_found":1,"is_monitoring_run":true,"livemode":true,"screened_name":"Nova Examplova","parent_screening_id":"{{monitored}}","matches":[{"entity_id":"un_sc:9100101","list":"un_sc","name":"NOVA EXAMPLOVA","matched_name":"NOVA EXAMPLOVA","score":{{body["highest_score"]!.ToJsonString()}}}]}""",
            monitoringMatch.Data.ToJsonString());
        var parent = await (await live.Client.GetAsync($"{AmlRequests.Screen}/{monitored}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("clear", (string?)parent["status"]); // a run never changes its parent

        Assert.Empty(await RunsOfAsync(unmonitored));
        Assert.Empty(await RunsOfAsync((string)alreadyMatching["id"]!));
        Assert.Empty(await RunsOfAsync(sandbox));

        var sessionRun = Assert.Single(await RunsOfAsync(sessionScreening));
        Assert.Equal(session, sessionRun.SessionId);
        Assert.Equal(["un_sc:9100102"], sessionRun.Matches.Select(m => m.EntityId));
        var sessionEvents = await Api.ScreeningEventsAsync(sessionRun.Id);
        Assert.Equal(["aml.monitoring.match"], sessionEvents.Select(e => e.Type));
        Assert.Equal(session, sessionEvents[0].SessionId);
        Assert.Empty(await Api.WithDbAsync(db => db.AmlScreenings.Where(s => s.SessionId == quietSession && s.IsMonitoringRun).ToListAsync()));
        var bySession = await (await live.Client.GetAsync($"{AmlRequests.Screenings}?session_id={session}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([sessionRun.Id, sessionScreening], bySession["data"]!.AsArray().Select(s => (string)s!["id"]!));

        // The same files again: nothing new loads, nothing runs.
        Assert.Empty((await Refresh.RefreshAsync(CancellationToken.None)).Updated);
        Assert.Single(await RunsOfAsync(monitored));

        // A later version with the same entries: a run for each, but nothing new to report.
        Api.Clock.Advance(TimeSpan.FromMinutes(10));
        Api.PublishUn(nova, ivan);
        Assert.Equal(["un_sc"], (await Refresh.RefreshAsync(CancellationToken.None)).Updated);
        var runs = await RunsOfAsync(monitored);
        Assert.Equal(2, runs.Count);
        Assert.Equal("potential_match", runs[1].Status.ToWire());
        Assert.Empty(await Api.ScreeningEventsAsync(runs[1].Id));
        Assert.Equal(2, (await RunsOfAsync(sessionScreening)).Count);
    }

    [Fact]
    public async Task A_list_version_is_monitored_once_however_many_instances_load_it()
    {
        var petra = new TestLists.Person("9100201", "PETRA", "MONITOROVA", 1985);
        var live = await Api.NewCallerAsync(live: true);
        var monitored = (string)(await live.Client.ScreenAsync("""{"full_name":"Petra Monitorova","monitoring_enabled":true}"""))["id"]!;

        // Two server instances load the same new files (each parses its own copy) and race to monitor them.
        var published = Directory.CreateTempSubdirectory("verilock-published-").FullName;
        try
        {
            TestLists.WriteUn(published, new DateOnly(2026, 6, 1), [TestLists.Standing, petra]);
            LoadedList Load() => new(
                ListsDirectory.LoadList(published, "un_sc", Api.Clock.GetUtcNow()),
                LoadedList.HashFiles(LoadedList.SourceFiles("un_sc", Path.Combine(published, "un_sc"))));
            var (first, second) = (Load(), Load());
            Assert.Equal(first.Key, second.Key);
            var instances = new[] { first, second }
                .Select(list => (Monitoring: ActivatorUtilities.CreateInstance<AmlMonitoring>(Api.Services), List: list))
                .ToList();
            var outcomes = await Task.WhenAll(instances.Select(i => i.Monitoring.RunAsync(AmlListSet.Build([i.List]), [i.List], CancellationToken.None)));

            Assert.Single(outcomes, o => o.Claimed.Count == 1);
            Assert.Single(outcomes, o => o.Claimed.Count == 0);
            var run = Assert.Single(await RunsOfAsync(monitored));
            Assert.Equal(["aml.monitoring.match"], (await Api.ScreeningEventsAsync(run.Id)).Select(e => e.Type));
            var claim = await Api.WithDbAsync(db => db.AmlMonitoringClaims.SingleAsync(c => c.ListKey == first.Key));
            Assert.NotNull(claim.CompletedAt);
            Assert.True(claim.Screened >= 1);
            Assert.True(claim.NewMatches >= 1);

            // A restart that loads the same version later does not run it again.
            var again = await ActivatorUtilities.CreateInstance<AmlMonitoring>(Api.Services).RunAsync(AmlListSet.Build([first]), [first], CancellationToken.None);
            Assert.Empty(again.Claimed);
            Assert.Single(await RunsOfAsync(monitored));
        }
        finally
        {
            Directory.Delete(published, recursive: true);
        }
    }

    [Fact]
    public async Task A_run_left_unfinished_by_a_stopped_instance_is_taken_over_once_stale_and_skips_what_was_done()
    {
        var olga = new TestLists.Person("9100301", "OLGA", "RESUMOVA", 1990);
        var live = await Api.NewCallerAsync(live: true);
        var done = (string)(await live.Client.ScreenAsync("""{"full_name":"Olga Resumova","monitoring_enabled":true}"""))["id"]!;
        var left = (string)(await live.Client.ScreenAsync("""{"full_name":"Olga Resumova","monitoring_enabled":true}"""))["id"]!;
        var published = Directory.CreateTempSubdirectory("verilock-published-").FullName;
        try
        {
            TestLists.WriteUn(published, new DateOnly(2026, 7, 1), [TestLists.Standing, olga]);
            var list = new LoadedList(
                ListsDirectory.LoadList(published, "un_sc", Api.Clock.GetUtcNow()),
                LoadedList.HashFiles(LoadedList.SourceFiles("un_sc", Path.Combine(published, "un_sc"))));
            var set = AmlListSet.Build([list]);

            // Another instance claimed this version, re-screened one screening, and died.
            await Api.WithDbAsync(async db =>
            {
                var now = Api.Clock.GetUtcNow().UtcDateTime;
                db.AmlMonitoringClaims.Add(new Infrastructure.Persistence.Records.AmlMonitoringClaim
                {
                    ListKey = list.Key, ClaimedBy = "stopped-instance", ClaimedAt = now, HeartbeatAt = now,
                });
                var parent = await db.AmlScreenings.AsNoTracking().SingleAsync(s => s.Id == done);
                db.AmlScreenings.Add(AmlScreening.CreateMonitoringRun(
                    new AmlScreening.CreateArgs(parent.AccountId, true, parent.Query, parent.Lists, parent.Threshold,
                        AmlScreener.Screen(set, parent.Query, parent.Lists, parent.Threshold)),
                    parent.Id, parent.Matches, list.Key, now));
                await db.SaveChangesAsync();
                return 0;
            });
            AmlMonitoring NewInstance() => ActivatorUtilities.CreateInstance<AmlMonitoring>(Api.Services);

            Assert.Empty((await NewInstance().RunAsync(set, [list], CancellationToken.None)).Claimed); // its heartbeat is fresh
            Assert.Empty(await RunsOfAsync(left));

            Api.Clock.Advance(AmlMonitoring.StaleAfter + TimeSpan.FromSeconds(1));
            var outcome = await NewInstance().RunAsync(set, [list], CancellationToken.None);
            Assert.Equal([list.Key], outcome.Claimed);
            Assert.Single(await RunsOfAsync(done)); // not re-screened a second time
            var resumed = Assert.Single(await RunsOfAsync(left));
            Assert.Equal(["aml.monitoring.match"], (await Api.ScreeningEventsAsync(resumed.Id)).Select(e => e.Type));
            var claim = await Api.WithDbAsync(db => db.AmlMonitoringClaims.SingleAsync(c => c.ListKey == list.Key));
            Assert.NotNull(claim.CompletedAt);
            Assert.NotEqual("stopped-instance", claim.ClaimedBy);
        }
        finally
        {
            Directory.Delete(published, recursive: true);
        }
    }
}

public sealed class MonitoringTestsOnSqlite(SqliteMonitoringApiFixture api) : MonitoringTests(api), IClassFixture<SqliteMonitoringApiFixture>;

public sealed class MonitoringTestsOnPostgres(PostgresMonitoringApiFixture api) : MonitoringTests(api), IClassFixture<PostgresMonitoringApiFixture>;
