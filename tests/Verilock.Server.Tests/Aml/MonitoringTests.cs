using System.Net;
using System.Text.Json.Nodes;
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

    private AmlMonitoringSchedule Schedule => Api.Services.GetRequiredService<AmlMonitoringSchedule>();

    private Task<List<AmlScreening>> RunsOfAsync(string parentId) => Api.WithDbAsync(db =>
        db.AmlScreenings.AsNoTracking().Where(s => s.ParentScreeningId == parentId).OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).ToListAsync());

    /// <summary>Where monitoring left a standalone screening or a session (every item re-screened has one; a run row only when its matches changed).</summary>
    private Task<Infrastructure.Persistence.Records.AmlMonitoringState?> MarkOfAsync(string monitoredId) => Api.WithDbAsync(db =>
        db.AmlMonitoringStates.AsNoTracking().FirstOrDefaultAsync(m => m.MonitoredId == monitoredId));

    private Task<List<Infrastructure.Persistence.Records.AmlMonitoringState>> MarksOfKeyAsync(string runKey) => Api.WithDbAsync(db =>
        db.AmlMonitoringStates.AsNoTracking().Where(m => m.LastRunKey == runKey).ToListAsync());

    /// <summary>A live session with an aml step that was screened and approved, as the pipeline will leave it.</summary>
    private async Task<(string SessionId, string ScreeningId)> ApprovedSessionAsync(
        ApiFixture.Caller caller, string firstName, string lastName, bool monitoring, string frequency = "daily")
    {
        var sessionId = await CreateAsync(caller.Client,
            $$"""{"steps":["aml"],"applicant":{"first_name":"{{firstName}}","last_name":"{{lastName}}"},"monitoring_enabled":{{(monitoring ? "true" : "false")}},"monitoring_frequency":"{{frequency}}"}""");
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

        // A later version with the same entries: each is re-screened (its mark and last_monitoring_at move), but its
        // matches are the same, so no run row is written and there is nothing new to report.
        Api.Clock.Advance(TimeSpan.FromMinutes(10));
        Api.PublishUn(nova, ivan);
        Assert.Equal(["un_sc"], (await Refresh.RefreshAsync(CancellationToken.None)).Updated);
        Assert.Equal([run.Id], (await RunsOfAsync(monitored)).Select(r => r.Id));
        Assert.Single(await RunsOfAsync(sessionScreening));
        Assert.Equal(Api.NowText(), (string?)(await (await live.Client.GetAsync($"{AmlRequests.Screen}/{monitored}")).ExpectAsync(HttpStatusCode.OK))["last_monitoring_at"]);
        Assert.Equal(Api.NowText(), (string?)(await (await live.Client.GetAsync($"{Sessions}/{session}")).ExpectAsync(HttpStatusCode.OK))["last_monitoring_at"]);
        var mark = await MarkOfAsync(monitored);
        Assert.NotNull(mark);
        Assert.NotEqual(run.MonitoringKey, mark.LastRunKey);
        Assert.NotNull(await MarkOfAsync(session));
        Assert.Null(await MarkOfAsync(unmonitored));
        Assert.Null(await MarkOfAsync(sandbox));
        Assert.Null(await MarkOfAsync(quietSession));
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

            Api.Clock.Advance(AmlMonitoring.DefaultStaleAfter + TimeSpan.FromSeconds(1));
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

    private const string FrequencyError =
        """{"error":"validation_error","message":"The given data was invalid.","details":{"monitoring_frequency":["The selected monitoring_frequency is invalid. Allowed: daily, weekly."]}}""";

    /// <summary>The keys of a Screening or Session from <c>monitoring_enabled</c> on (spec §16 adds two after it).</summary>
    private static string[] MonitoringKeys(JsonNode body, string next)
    {
        var keys = body.Keys().ToList();
        var at = keys.IndexOf("monitoring_enabled");
        return keys.Skip(at).Take(keys.IndexOf(next) - at + 1).ToArray();
    }

    [Fact]
    public async Task Screenings_take_and_show_a_monitoring_frequency_and_their_last_monitoring_run()
    {
        var live = await Api.NewCallerAsync(live: true);
        var weekly = await live.Client.ScreenAsync("""{"full_name":"Wera Frequenza","monitoring_enabled":true,"monitoring_frequency":"weekly"}""");
        Assert.Equal(["monitoring_enabled", "monitoring_frequency", "last_monitoring_at", "is_monitoring_run"], MonitoringKeys(weekly, "is_monitoring_run"));
        Assert.Equal("weekly", (string?)weekly["monitoring_frequency"]);
        Assert.Null(weekly["last_monitoring_at"]);
        var read = await (await live.Client.GetAsync($"{AmlRequests.Screen}/{weekly["id"]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(weekly.ToJsonString(), read.ToJsonString());

        // Absent or null: daily, with or without monitoring.
        foreach (var json in new[] { """{"full_name":"Dora Frequenza","monitoring_enabled":true}""", """{"full_name":"Dora Frequenza","monitoring_frequency":null}""" })
        {
            var daily = await live.Client.ScreenAsync(json);
            Assert.Equal("daily", (string?)daily["monitoring_frequency"]);
            Assert.Null(daily["last_monitoring_at"]);
        }
        var sandbox = await (await Api.NewCallerAsync(live: false)).Client.ScreenAsync("""{"full_name":"Dora Frequenza","monitoring_frequency":"daily"}""");
        Assert.Equal("daily", (string?)sandbox["monitoring_frequency"]);

        foreach (var bad in new[] { "\"monthly\"", "\"Weekly\"", "\"\"" })
        {
            var response = await live.Client.PostJsonAsync(AmlRequests.Screen, $$"""{"full_name":"Dora Frequenza","monitoring_frequency":{{bad}}}""");
            Assert.Equal(FrequencyError, (await response.ExpectAsync(HttpStatusCode.UnprocessableEntity)).ToJsonString());
        }
        var number = await live.Client.PostJsonAsync(AmlRequests.Screen, """{"full_name":"Dora Frequenza","monitoring_frequency":7}""");
        Assert.Equal("""{"error":"validation_error","message":"The given data was invalid.","details":{"monitoring_frequency":["The monitoring_frequency must be a string."]}}""",
            (await number.ExpectAsync(HttpStatusCode.UnprocessableEntity)).ToJsonString());
    }

    [Fact]
    public async Task Sessions_take_and_show_a_monitoring_frequency_and_their_last_monitoring_run()
    {
        var live = await Api.NewCallerAsync(live: true);
        var created = await (await live.Client.PostJsonAsync(Sessions,
            """{"steps":["document"],"monitoring_enabled":true,"monitoring_frequency":"weekly"}""")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(["monitoring_enabled", "monitoring_frequency", "last_monitoring_at", "documents"], MonitoringKeys(created, "documents"));
        Assert.Equal("weekly", (string?)created["monitoring_frequency"]);
        Assert.Null(created["last_monitoring_at"]);
        var read = await (await live.Client.GetAsync($"{Sessions}/{created["id"]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["monitoring_enabled", "monitoring_frequency", "last_monitoring_at", "documents"], MonitoringKeys(read, "documents"));
        Assert.Equal("weekly", (string?)read["monitoring_frequency"]);
        Assert.Null(read["last_monitoring_at"]);

        var plain = await (await live.Client.PostJsonAsync(Sessions, """{"steps":["document"],"monitoring_frequency":null}""")).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("daily", (string?)plain["monitoring_frequency"]);

        var bad = await live.Client.PostJsonAsync(Sessions, """{"steps":["document"],"monitoring_enabled":true,"monitoring_frequency":"hourly"}""");
        Assert.Equal(FrequencyError, (await bad.ExpectAsync(HttpStatusCode.UnprocessableEntity)).ToJsonString());
    }

    [Fact]
    public async Task Last_monitoring_at_is_the_time_of_the_latest_run_of_a_screening_or_session()
    {
        var mara = new TestLists.Person("9100401", "MARA", "LASTRUNOVA", 1970);
        var live = await Api.NewCallerAsync(live: true);
        var parent = (string)(await live.Client.ScreenAsync("""{"full_name":"Mara Lastrunova","monitoring_enabled":true,"reference_id":"lastrun-1"}"""))["id"]!;
        var (session, _) = await ApprovedSessionAsync(live, "Mara", "Lastrunova", monitoring: true, frequency: "weekly");
        Assert.Null((await (await live.Client.GetAsync($"{Sessions}/{session}")).ExpectAsync(HttpStatusCode.OK))["last_monitoring_at"]);

        Api.Clock.Advance(TimeSpan.FromMinutes(10));
        Api.PublishUn(mara);
        await Refresh.RefreshAsync(CancellationToken.None);
        var firstRun = Api.NowText();
        var screening = await (await live.Client.GetAsync($"{AmlRequests.Screen}/{parent}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(firstRun, (string?)screening["last_monitoring_at"]);
        Assert.Equal("clear", (string?)screening["status"]);
        var sessionBody = await (await live.Client.GetAsync($"{Sessions}/{session}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(firstRun, (string?)sessionBody["last_monitoring_at"]);
        Assert.Equal("weekly", (string?)sessionBody["monitoring_frequency"]);

        Api.Clock.Advance(TimeSpan.FromMinutes(10));
        Api.PublishUn(mara);
        await Refresh.RefreshAsync(CancellationToken.None);
        var secondRun = Api.NowText();
        Assert.NotEqual(firstRun, secondRun);
        Assert.Equal(secondRun, (string?)(await (await live.Client.GetAsync($"{AmlRequests.Screen}/{parent}")).ExpectAsync(HttpStatusCode.OK))["last_monitoring_at"]);
        Assert.Equal(secondRun, (string?)(await (await live.Client.GetAsync($"{Sessions}/{session}")).ExpectAsync(HttpStatusCode.OK))["last_monitoring_at"]);

        // The list shows it too: on the parent, not on its runs (a run is not monitored itself), which copy its frequency.
        // The second re-screen found the same match: no run of its own, only the time.
        var listed = await (await live.Client.GetAsync($"{AmlRequests.Screenings}?reference_id=lastrun-1")).ExpectAsync(HttpStatusCode.OK);
        var items = listed["data"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.Equal(secondRun, (string?)items.Single(i => (string?)i!["id"] == parent)!["last_monitoring_at"]);
        Assert.All(items.Where(i => (bool)i!["is_monitoring_run"]!), run =>
        {
            Assert.Null(run!["last_monitoring_at"]);
            Assert.Equal("daily", (string?)run["monitoring_frequency"]);
        });
    }

    [Fact]
    public async Task The_schedule_rescreens_daily_items_at_the_monitoring_time_the_next_day_and_weekly_ones_on_the_seventh()
    {
        var live = await Api.NewCallerAsync(live: true);
        var daily = (string)(await live.Client.ScreenAsync("""{"full_name":"Dagny Schedulova","monitoring_enabled":true}"""))["id"]!;
        var weekly = (string)(await live.Client.ScreenAsync("""{"full_name":"Wenke Schedulova","monitoring_enabled":true,"monitoring_frequency":"weekly"}"""))["id"]!;
        var unmonitored = (string)(await live.Client.ScreenAsync("""{"full_name":"Dagny Schedulova"}"""))["id"]!;
        var (dailySession, dailySessionScreening) = await ApprovedSessionAsync(live, "Sanna", "Schedulova", monitoring: true);
        var (weeklySession, weeklySessionScreening) = await ApprovedSessionAsync(live, "Siv", "Schedulova", monitoring: true, frequency: "weekly");
        var now = Api.Clock.GetUtcNow().UtcDateTime;
        var slot = now.Date.AddDays(1).AddHours(4); // the fixture's clock is always past 04:00 here
        Assert.True(now.TimeOfDay > TimeSpan.FromHours(4));
        // Nothing matches these people: a re-screen leaves its mark (when, by which run) and no run row.
        async Task<int> RunsOf(string item, string key) => (await MarkOfAsync(item))?.LastRunKey == key ? 1 : 0;
        var day1 = AmlMonitoring.ScheduleKey(slot);

        // A minute before the time: nothing is due.
        Api.Clock.Advance(slot - TimeSpan.FromMinutes(1) - now);
        await Schedule.TickAsync(CancellationToken.None);
        Assert.False(await Api.WithDbAsync(db => db.AmlMonitoringClaims.AnyAsync(c => c.ListKey == day1)));
        Assert.Empty(await RunsOfAsync(daily));

        // Past the time the schedule runs by itself, once, and re-screens what is daily.
        Api.Clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(5));
        var claim = await WaitForClaimAsync(day1);
        Assert.NotNull(claim.CompletedAt);
        var mark = await MarkOfAsync(daily);
        Assert.Equal(day1, mark?.LastRunKey);
        Assert.Equal(Api.NowText(), ApiJsonText(mark!.LastRunAt));
        Assert.Empty(await RunsOfAsync(daily));
        Assert.Null(await MarkOfAsync(weekly));
        Assert.Null(await MarkOfAsync(unmonitored));
        Assert.Equal(1, await RunsOf(dailySession, day1));
        Assert.Equal(0, await RunsOf(weeklySession, day1));
        Assert.Equal(Api.NowText(), (string?)(await (await live.Client.GetAsync($"{AmlRequests.Screen}/{daily}")).ExpectAsync(HttpStatusCode.OK))["last_monitoring_at"]);
        Assert.Equal(Api.NowText(), (string?)(await (await live.Client.GetAsync($"{Sessions}/{dailySession}")).ExpectAsync(HttpStatusCode.OK))["last_monitoring_at"]);
        Assert.Null((await (await live.Client.GetAsync($"{AmlRequests.Screen}/{weekly}")).ExpectAsync(HttpStatusCode.OK))["last_monitoring_at"]);
        await Schedule.TickAsync(CancellationToken.None); // the same day again: nothing more
        Assert.Equal(mark.LastRunAt, (await MarkOfAsync(daily))!.LastRunAt);

        // Six days on: daily again; weekly not yet (screened on day 0, after that day's time).
        Api.Clock.Advance(TimeSpan.FromDays(5));
        await Schedule.TickAsync(CancellationToken.None);
        var day6 = AmlMonitoring.ScheduleKey(slot.AddDays(5));
        Assert.Equal(1, await RunsOf(daily, day6));
        Assert.Null(await MarkOfAsync(weekly));
        Assert.Equal(0, await RunsOf(weeklySession, day6));

        // The seventh day's run takes the weekly ones too.
        Api.Clock.Advance(TimeSpan.FromDays(1));
        await Schedule.TickAsync(CancellationToken.None);
        var day7 = AmlMonitoring.ScheduleKey(slot.AddDays(6));
        Assert.Equal(1, await RunsOf(weekly, day7));
        Assert.Equal(1, await RunsOf(weeklySession, day7));
        Assert.Equal(1, await RunsOf(daily, day7));
        Assert.Equal(Api.NowText(), (string?)(await (await live.Client.GetAsync($"{AmlRequests.Screen}/{weekly}")).ExpectAsync(HttpStatusCode.OK))["last_monitoring_at"]);
        // Nothing new was ever found: no run rows, so no events.
        foreach (var item in new[] { daily, weekly, dailySessionScreening, weeklySessionScreening })
            Assert.Empty(await RunsOfAsync(item));
    }

    [Fact]
    public async Task A_scheduled_day_is_run_once_however_many_instances_reach_it()
    {
        var live = await Api.NewCallerAsync(live: true);
        var monitored = (string)(await live.Client.ScreenAsync("""{"full_name":"Tilde Twinstance","monitoring_enabled":true}"""))["id"]!;
        // A day of its own, far from the days the schedule of this fixture reaches.
        var slot = Api.Clock.GetUtcNow().UtcDateTime.Date.AddDays(40).AddHours(4);
        var instances = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<AmlMonitoring>(Api.Services)).ToList();

        var outcomes = await Task.WhenAll(instances.Select(i => i.RunScheduledAsync(slot, CancellationToken.None)));

        Assert.Single(outcomes, o => o.Claimed.Count == 1);
        Assert.Single(outcomes, o => o.Claimed.Count == 0);
        var key = AmlMonitoring.ScheduleKey(slot);
        Assert.Equal(key, (await MarkOfAsync(monitored))?.LastRunKey);
        Assert.Empty(await RunsOfAsync(monitored)); // nothing matched, before or now
        var claim = await Api.WithDbAsync(db => db.AmlMonitoringClaims.SingleAsync(c => c.ListKey == key));
        Assert.NotNull(claim.CompletedAt);
        Assert.Equal(outcomes.Single(o => o.Claimed.Count == 1).Screened, claim.Screened);
        Assert.Equal(claim.Screened, (await MarksOfKeyAsync(key)).Count); // each once
        Assert.Empty((await instances[0].RunScheduledAsync(slot, CancellationToken.None)).Claimed); // finished: never again
    }

    [Fact]
    public async Task A_killed_or_stopped_run_is_resumed_after_its_last_batch_without_rescreening_anything_twice()
    {
        var kira = new TestLists.Person("9100501", "KIRA", "KILLEDOVA", 1981);
        var live = await Api.NewCallerAsync(live: true);
        var mine = new List<string>();
        for (var i = 0; i < 5; i++)
            mine.Add((string)(await live.Client.ScreenAsync("""{"full_name":"Kira Killedova","monitoring_enabled":true}"""))["id"]!);
        var published = Directory.CreateTempSubdirectory("verilock-published-").FullName;
        try
        {
            TestLists.WriteUn(published, new DateOnly(2026, 8, 1), [TestLists.Standing, kira]);
            var list = new LoadedList(
                ListsDirectory.LoadList(published, "un_sc", Api.Clock.GetUtcNow()),
                LoadedList.HashFiles(LoadedList.SourceFiles("un_sc", Path.Combine(published, "un_sc"))));
            var set = AmlListSet.Build([list]);
            Task<List<AmlScreening>> RunsOfKeyAsync() => Api.WithDbAsync(db =>
                db.AmlScreenings.AsNoTracking().Where(s => s.MonitoringKey == list.Key).ToListAsync());
            // Every item re-screened is marked with the run's key; only those whose matches changed have a run row.
            Task<List<Infrastructure.Persistence.Records.AmlMonitoringState>> MarksAsync() => MarksOfKeyAsync(list.Key);

            AmlMonitoring NewInstance() => ActivatorUtilities.CreateInstance<AmlMonitoring>(Api.Services);
            Task<Infrastructure.Persistence.Records.AmlMonitoringClaim> ClaimAsync() =>
                Api.WithDbAsync(db => db.AmlMonitoringClaims.AsNoTracking().SingleAsync(c => c.ListKey == list.Key));

            // The first instance dies (nothing runs after its first commit: batches of 2 in this fixture).
            var first = NewInstance();
            first.AfterBatch = _ => throw new InvalidOperationException("killed");
            await Assert.ThrowsAsync<InvalidOperationException>(() => first.RunAsync(set, [list], CancellationToken.None));
            var beforeKill = await MarksAsync();
            Assert.Equal(2, beforeKill.Count);
            var left = await ClaimAsync();
            Assert.Null(left.CompletedAt);
            Assert.Equal(beforeKill.Select(m => m.MonitoredId).Max(StringComparer.Ordinal), left.ScreeningsAfter);
            Assert.Equal(2, left.Screened);
            Assert.Empty((await NewInstance().RunAsync(set, [list], CancellationToken.None)).Claimed); // its heartbeat is fresh

            // Once the heartbeat is stale another instance takes it over and goes on after the cursor; it is stopped
            // (a shutdown) after one batch, and hands the claim over at once.
            Api.Clock.Advance(AmlMonitoring.DefaultStaleAfter + TimeSpan.FromSeconds(1));
            using var shutdown = new CancellationTokenSource();
            var second = NewInstance();
            second.AfterBatch = _ => shutdown.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.RunAsync(set, [list], shutdown.Token));
            var beforeStop = await MarksAsync();
            var runsBeforeStop = await RunsOfKeyAsync();
            Assert.Equal(4, beforeStop.Count);
            Assert.Equal(4, (await ClaimAsync()).Screened);

            // No waiting for staleness this time.
            var outcome = await NewInstance().RunAsync(set, [list], CancellationToken.None);
            Assert.Equal([list.Key], outcome.Claimed);

            var runs = await RunsOfKeyAsync();
            var marks = await MarksAsync();
            var monitored = await Api.WithDbAsync(db => db.AmlScreenings.Where(s =>
                s.MonitoringEnabled && s.Status == AmlScreeningStatus.Clear && s.LiveMode && !s.IsMonitoringRun && s.SessionId == null).Select(s => s.Id).ToListAsync());
            var monitoredSessions = await Api.WithDbAsync(db => db.Sessions.Where(s =>
                s.MonitoringEnabled && s.Status == SessionStatus.Approved && s.LiveMode).Select(s => s.Id).ToListAsync());
            // Every monitored screening and session once, none twice: the claim counts every re-screen, over the three instances.
            Assert.Equal(monitored.Order(StringComparer.Ordinal), marks.Select(m => m.MonitoredId).Where(monitored.Contains).Order(StringComparer.Ordinal));
            Assert.Equal(monitoredSessions.Order(StringComparer.Ordinal), marks.Select(m => m.MonitoredId).Where(monitoredSessions.Contains).Order(StringComparer.Ordinal));
            Assert.Equal(monitored.Count + monitoredSessions.Count, marks.Count);
            Assert.Equal(marks.Count - 4, outcome.Screened);
            Assert.Equal(runs.Count, runs.Select(r => r.ParentScreeningId).Distinct().Count());
            Assert.All(runsBeforeStop, done => Assert.Contains(runs, r => r.Id == done.Id)); // what was done stays done
            foreach (var parent in mine)
            {
                var run = Assert.Single(runs, r => r.ParentScreeningId == parent);
                Assert.Equal(["aml.monitoring.match"], (await Api.ScreeningEventsAsync(run.Id)).Select(e => e.Type));
            }
            var claim = await ClaimAsync();
            Assert.NotNull(claim.CompletedAt);
            Assert.Equal(marks.Count, claim.Screened);
        }
        finally
        {
            Directory.Delete(published, recursive: true);
        }
    }

    private static string ApiJsonText(DateTime value) => Infrastructure.Serialization.ApiJson.FormatInstant(value);

    /// <summary>Waits (in real time) for the background schedule to finish the claim of <paramref name="key"/>.</summary>
    private async Task<Infrastructure.Persistence.Records.AmlMonitoringClaim> WaitForClaimAsync(string key)
    {
        for (var i = 0; i < 600; i++)
        {
            var claim = await Api.WithDbAsync(db => db.AmlMonitoringClaims.AsNoTracking().FirstOrDefaultAsync(c => c.ListKey == key && c.CompletedAt != null));
            if (claim is not null)
                return claim;
            await Task.Delay(50);
        }
        throw new TimeoutException($"The schedule did not finish {key}.");
    }
}

public sealed class MonitoringTestsOnSqlite(SqliteMonitoringApiFixture api) : MonitoringTests(api), IClassFixture<SqliteMonitoringApiFixture>;

public sealed class MonitoringTestsOnPostgres(PostgresMonitoringApiFixture api) : MonitoringTests(api), IClassFixture<PostgresMonitoringApiFixture>;
