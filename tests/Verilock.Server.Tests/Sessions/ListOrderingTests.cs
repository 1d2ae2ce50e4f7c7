using System.Net;
using System.Text.Json.Nodes;
using Verilock.Domain.Sessions;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Sessions;

/// <summary>
/// Rows created within one second list newest first, while the wire keeps whole seconds. Before creation instants
/// kept microseconds, such rows tied on <c>created_at</c> and fell back to their random ids.
/// </summary>
public abstract class ListOrderingTests(ApiFixture api) : ApiTests(api)
{
    private const string WholeSecond = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$";

    /// <summary>Moves the fixture's clock to the start of the next second, so what follows shares one second.</summary>
    private void StartOfNextSecond()
    {
        var now = Api.Clock.GetUtcNow();
        Api.Clock.Advance(TimeSpan.FromSeconds(1) - TimeSpan.FromTicks(now.Ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary>The real clock moves on between two requests; the fixture's stays put unless moved (10 µs here).</summary>
    private void Tick() => Api.Clock.Advance(TimeSpan.FromMicroseconds(10));

    [Fact]
    public async Task Sessions_created_back_to_back_within_one_second_list_newest_first_at_whole_seconds()
    {
        var caller = await Api.NewCallerAsync();
        StartOfNextSecond();
        var second = Api.NowText();
        var created = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            Tick();
            created.Add(await CreateAsync(caller.Client));
        }
        Assert.Equal(second, Api.NowText());
        created.Reverse();

        var all = await (await caller.Client.GetAsync($"{Sessions}?per_page=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(30, (int)all["meta"]!["total"]!);
        Assert.Equal(created, Ids(all));
        Assert.All(all["data"]!.AsArray(), item => Assert.Equal(second, (string)item!["created_at"]!));

        // Pages cut the same order (offset paging over created_at, id).
        var third = await (await caller.Client.GetAsync($"{Sessions}?per_page=7&page=3")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(created.Skip(14).Take(7), Ids(third));

        // The single read shows the same whole second.
        var one = await (await caller.Client.GetAsync($"{Sessions}/{created[0]}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(second, (string)one["created_at"]!);
        Assert.Matches(WholeSecond, (string)one["created_at"]!);
        Assert.Matches(WholeSecond, (string)one["expires_at"]!);
    }

    [Fact]
    public async Task A_deep_page_and_the_day_filters_keep_newest_first_within_one_second_beside_rows_stored_at_whole_seconds()
    {
        var caller = await Api.NewCallerAsync();
        StartOfNextSecond();
        var second = Api.NowText();
        var day = DateOnly.FromDateTime(Api.Clock.GetUtcNow().UtcDateTime);

        // Rows written before creation instants kept microseconds: stored at the whole second, the oldest of it.
        var old = await Api.WithDbAsync(async db =>
        {
            var rows = Enumerable.Range(0, 5).Select(i => Session.Create(new Session.CreateArgs(caller.AccountId, false,
                ProfileSettings.Defaults([VerificationStep.Document]), null, Applicant.Empty, $"old-{i}", new Dictionary<string, object?>(),
                null, null, false, TimeSpan.FromHours(1)), Api.Clock.GetUtcNow().UtcDateTime)).ToList();
            db.Sessions.AddRange(rows);
            await db.SaveChangesAsync();
            return rows.OrderByDescending(s => s.Id, StringComparer.Ordinal).Select(s => s.Id).ToList();
        });

        var created = new List<string>();
        for (var i = 0; i < 2_030; i++)
        {
            Tick();
            created.Add(await CreateAsync(caller.Client));
        }
        Assert.Equal(second, Api.NowText());
        created.Reverse();
        var expected = created.Concat(old).ToList();

        // Offset 2,000 and past: the deep-page path (day counters, then a skip within the day).
        foreach (var query in new[] { "per_page=10&page=201", "per_page=15&page=134", "per_page=100&page=21",
                     $"per_page=10&page=201&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}" })
        {
            var page = await (await caller.Client.GetAsync($"{Sessions}?{query}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(2_035, (int)page["meta"]!["total"]!);
            var perPage = (int)page["meta"]!["per_page"]!;
            var number = (int)page["meta"]!["current_page"]!;
            Assert.Equal(expected.Skip((number - 1) * perPage).Take(perPage), Ids(page));
        }

        var first = await (await caller.Client.GetAsync($"{Sessions}?per_page=20&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2_035, (int)first["meta"]!["total"]!);
        Assert.Equal(expected.Take(20), Ids(first));

        // Whole-day filters stay exact: the next day holds none of them, the previous day neither.
        foreach (var other in new[] { day.AddDays(1), day.AddDays(-1) })
        {
            var none = await (await caller.Client.GetAsync($"{Sessions}?from={other:yyyy-MM-dd}&to={other:yyyy-MM-dd}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(0, (int)none["meta"]!["total"]!);
            Assert.Empty(none["data"]!.AsArray());
        }
    }

    [Fact]
    public async Task Screenings_and_webhook_endpoints_created_within_one_second_list_newest_first()
    {
        var caller = await Api.NewCallerAsync();
        StartOfNextSecond();
        var second = Api.NowText();
        var screenings = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            Tick();
            screenings.Add((string)(await caller.Client.ScreenAsync($$"""{"full_name":"Ordering Person {{i}}"}"""))["id"]!);
        }
        screenings.Reverse();
        var listed = await (await caller.Client.GetAsync($"{AmlRequests.Screenings}?per_page=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(screenings, Ids(listed));
        Assert.All(listed["data"]!.AsArray(), item => Assert.Equal(second, (string)item!["created_at"]!));

        var endpoints = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            Tick();
            var body = await (await caller.Client.PostJsonAsync("/api/v1/webhooks/endpoints",
                $$"""{"url":"https://hooks.example.com/{{i}}","events":["*"]}""")).ExpectAsync(HttpStatusCode.Created);
            endpoints.Add((string)body["id"]!);
        }
        Assert.Equal(second, Api.NowText());
        endpoints.Reverse();
        var hooks = await (await caller.Client.GetAsync("/api/v1/webhooks/endpoints?per_page=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(endpoints, Ids(hooks));
        Assert.All(hooks["data"]!.AsArray(), item => Assert.Equal(second, (string)item!["created_at"]!));
    }

    private static List<string> Ids(JsonNode page) => page["data"]!.AsArray().Select(i => (string)i!["id"]!).ToList();
}

public sealed class ListOrderingTestsOnSqlite(SqliteApiFixture api) : ListOrderingTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ListOrderingTestsOnPostgres(PostgresApiFixture api) : ListOrderingTests(api), IClassFixture<PostgresApiFixture>;
