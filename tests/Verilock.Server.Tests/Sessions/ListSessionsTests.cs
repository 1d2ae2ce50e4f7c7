using System.Net;
using System.Text.Json;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Sessions;

public abstract class ListSessionsTests(ApiFixture api) : ApiTests(api)
{
    private static readonly string[] ItemKeys = ["id", "type", "status", "reference_id", "steps", "applicant", "created_at", "completed_at"];

    [Fact]
    public async Task Items_have_exactly_the_seed_shape_newest_first_with_meta()
    {
        var caller = await Api.NewCallerAsync();
        var createdAt = Api.NowText();
        var first = await CreateAsync(caller.Client, """{"steps":["document","selfie","face_match"],"reference_id":"usr_12345","applicant":{"first_name":"Jean","last_name":"Dupont","email":"jean.dupont@example.com","date_of_birth":"1990-01-01"}}""");
        Api.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await CreateAsync(caller.Client, """{"steps":["selfie"]}""");

        var body = await (await caller.Client.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["data", "meta"], body.Keys());
        Assert.Equal("""{"current_page":1,"last_page":1,"per_page":15,"total":2}""", body["meta"]!.ToJsonString());
        var items = body["data"]!.AsArray();
        Assert.Equal([second, first], items.Select(i => (string)i!["id"]!));
        Assert.All(items, item => Assert.Equal(ItemKeys, item!.Keys()));
        Assert.Equal(
            $$"""{"id":"{{first}}","type":"kyc","status":"created","reference_id":"usr_12345","steps":["document","selfie","face_match"],"applicant":{"first_name":"Jean","last_name":"Dupont","email":"jean.dupont@example.com"},"created_at":"{{createdAt}}","completed_at":null}""",
            items[1]!.ToJsonString());
        Assert.Equal("""{"first_name":null,"last_name":null,"email":null}""", items[0]!["applicant"]!.ToJsonString());
    }

    [Fact]
    public async Task Items_escape_text_exactly_as_the_rest_of_the_api()
    {
        // The list page is written by hand for speed; its bytes must match what the API's serializer writes.
        var caller = await Api.NewCallerAsync();
        var id = await CreateAsync(caller.Client, """{"steps":["document"],"reference_id":"<ref & 'quote'>","applicant":{"first_name":"Zoë \"Zizi\"","last_name":"Ørsted-Łukasz 山田"}}""");

        var list = await (await caller.Client.GetAsync(Sessions)).Content.ReadAsStringAsync();
        var single = await (await caller.Client.GetAsync($"{Sessions}/{id}")).Content.ReadAsStringAsync();
        foreach (var fragment in new[]
                 {
                     "\"reference_id\":" + JsonSerializer.Serialize("<ref & 'quote'>", ApiJson.Options),
                     "\"first_name\":" + JsonSerializer.Serialize("Zoë \"Zizi\"", ApiJson.Options),
                     "\"last_name\":" + JsonSerializer.Serialize("Ørsted-Łukasz 山田", ApiJson.Options),
                 })
        {
            Assert.Contains(fragment, single);
            Assert.Contains(fragment, list);
        }
        Assert.Contains("\\u003Cref \\u0026 \\u0027quote\\u0027\\u003E", list);
    }

    [Fact]
    public async Task An_empty_account_has_last_page_1()
    {
        var caller = await Api.NewCallerAsync();
        var body = await (await caller.Client.GetAsync($"{Sessions}?per_page=10")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"data":[],"meta":{"current_page":1,"last_page":1,"per_page":10,"total":0}}""", body.ToJsonString());
    }

    [Fact]
    public async Task Pages_split_the_list_and_a_page_past_the_end_is_empty_with_correct_meta()
    {
        var caller = await Api.NewCallerAsync();
        var ids = new List<string>();
        for (var i = 0; i < 7; i++)
            ids.Add(await CreateAsync(caller.Client)); // same second: ties are ordered by id, descending
        var expected = ids.OrderByDescending(id => id, StringComparer.Ordinal).ToList();

        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var body = await (await caller.Client.GetAsync($"{Sessions}?per_page=3&page={page}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal($$"""{"current_page":{{page}},"last_page":3,"per_page":3,"total":7}""", body["meta"]!.ToJsonString());
            seen.AddRange(body["data"]!.AsArray().Select(i => (string)i!["id"]!));
        }
        Assert.Equal(expected, seen);

        var past = await (await caller.Client.GetAsync($"{Sessions}?per_page=3&page=4")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"data":[],"meta":{"current_page":4,"last_page":3,"per_page":3,"total":7}}""", past.ToJsonString());
        var farPast = await (await caller.Client.GetAsync($"{Sessions}?page=9000000000000")).ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(farPast["data"]!.AsArray());
    }

    [Fact]
    public async Task Status_and_reference_id_filter_and_count()
    {
        var caller = await Api.NewCallerAsync();
        var review = await CreateAsync(caller.Client, """{"steps":["document"],"reference_id":"r-1"}""");
        await CreateAsync(caller.Client, """{"steps":["document"],"reference_id":"r-1"}""");
        await CreateAsync(caller.Client, """{"steps":["document"],"reference_id":"r-2"}""");
        await Api.PutInReviewAsync(review);

        var processing = await (await caller.Client.GetAsync($"{Sessions}?status=processing")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([review], processing["data"]!.AsArray().Select(i => (string)i!["id"]!));
        Assert.Equal(1, (int)processing["meta"]!["total"]!);
        var created = await (await caller.Client.GetAsync($"{Sessions}?status=created")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)created["meta"]!["total"]!);
        var approved = await (await caller.Client.GetAsync($"{Sessions}?status=approved")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"current_page":1,"last_page":1,"per_page":15,"total":0}""", approved["meta"]!.ToJsonString());
        var byReference = await (await caller.Client.GetAsync($"{Sessions}?reference_id=r-1")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(2, (int)byReference["meta"]!["total"]!);
        var both = await (await caller.Client.GetAsync($"{Sessions}?reference_id=r-1&status=created")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, (int)both["meta"]!["total"]!);
    }

    [Fact]
    public async Task From_and_to_cover_whole_utc_days_inclusively()
    {
        var caller = await Api.NewCallerAsync();
        var start = Api.Clock.GetUtcNow();
        var day = new DateTimeOffset(start.Year, start.Month, start.Day, 0, 0, 0, TimeSpan.Zero).AddDays(1);
        Api.Clock.SetUtcNow(day); // 00:00:00 of day 1
        var startOfDay1 = await CreateAsync(caller.Client);
        Api.Clock.SetUtcNow(day.AddDays(1).AddSeconds(-1)); // 23:59:59 of day 1
        var endOfDay1 = await CreateAsync(caller.Client);
        Api.Clock.SetUtcNow(day.AddDays(1)); // 00:00:00 of day 2
        var day2 = await CreateAsync(caller.Client);
        Api.Clock.SetUtcNow(day.AddDays(3)); // day 4
        var day4 = await CreateAsync(caller.Client);

        async Task<string[]> Ids(string query)
        {
            var body = await (await caller.Client.GetAsync($"{Sessions}?{query}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(body["data"]!.AsArray().Count, (int)body["meta"]!["total"]!);
            return body["data"]!.AsArray().Select(i => (string)i!["id"]!).ToArray();
        }

        var d1 = day.ToString("yyyy-MM-dd");
        var d2 = day.AddDays(1).ToString("yyyy-MM-dd");
        var d3 = day.AddDays(2).ToString("yyyy-MM-dd");
        Assert.Equal([endOfDay1, startOfDay1], await Ids($"from={d1}&to={d1}"));
        Assert.Equal([day2, endOfDay1, startOfDay1], await Ids($"from={d1}&to={d2}"));
        Assert.Equal([day4, day2], await Ids($"from={d2}"));
        Assert.Equal([day2, endOfDay1, startOfDay1], await Ids($"to={d3}"));
        Assert.Empty(await Ids($"from={d3}&to={d3}"));
    }

    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=-1", "page")]
    [InlineData("page=abc", "page")]
    [InlineData("page=1.5", "page")]
    [InlineData("per_page=0", "per_page")]
    [InlineData("per_page=101", "per_page")]
    [InlineData("per_page=ten", "per_page")]
    [InlineData("status=approve", "status")]
    [InlineData("status=APPROVED", "status")]
    [InlineData("from=2026-02-30", "from")]
    [InlineData("to=yesterday", "to")]
    [InlineData("from=2026-03-15T00:00:00Z", "from")]
    [InlineData("from=2026-03-16&to=2026-03-15", "from")]
    public async Task Bad_query_parameters_are_422(string query, string field)
    {
        var caller = await Api.NewCallerAsync();
        var details = await (await caller.Client.GetAsync($"{Sessions}?{query}")).ExpectErrorAsync(HttpStatusCode.UnprocessableEntity, "validation_error");
        Assert.Equal([field], details!.Keys());
    }

    [Fact]
    public async Task Per_page_100_is_the_maximum_accepted()
    {
        var caller = await Api.NewCallerAsync();
        var body = await (await caller.Client.GetAsync($"{Sessions}?per_page=100")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(100, (int)body["meta"]!["per_page"]!);
    }

    [Fact]
    public async Task Deep_pages_located_through_the_day_counters_match_plain_ordering()
    {
        // Enough sessions over several days that page offsets pass the direct-OFFSET limit (2,000) on both sides
        // of the middle, where the day walk switches from the newest end to the oldest.
        var caller = await Api.NewCallerAsync();
        var expected = await Api.WithDbAsync(async db =>
        {
            var all = new List<Session>();
            for (var day = 0; day < 10; day++)
            {
                for (var i = 0; i < 450; i++)
                {
                    var at = ApiFixture.Start.UtcDateTime.AddDays(-day).AddMinutes(-(i % 97));
                    var session = Session.Create(new Session.CreateArgs(caller.AccountId, false, ProfileSettings.Defaults([VerificationStep.Document]),
                        null, Applicant.Empty, $"bulk-{day}-{i}", new Dictionary<string, object?>(), null, null, false, TimeSpan.FromDays(400)), at);
                    all.Add(session);
                    db.Sessions.Add(session);
                }
                await db.SaveChangesAsync();
            }
            return all.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id, StringComparer.Ordinal).ToList();
        });
        var expectedIds = expected.Select(s => s.Id).ToList();

        foreach (var (page, perPage) in new[] { (134, 15), (140, 15), (150, 15), (151, 15), (200, 15), (300, 15), (21, 100), (23, 100), (45, 100), (46, 100) })
        {
            var body = await (await caller.Client.GetAsync($"{Sessions}?page={page}&per_page={perPage}")).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(4500, (int)body["meta"]!["total"]!);
            Assert.Equal(expectedIds.Skip((page - 1) * perPage).Take(perPage), body["data"]!.AsArray().Select(i => (string)i!["id"]!));
        }

        var from = DateOnly.FromDateTime(ApiFixture.Start.UtcDateTime.AddDays(-4));
        var to = DateOnly.FromDateTime(ApiFixture.Start.UtcDateTime.AddDays(-1));
        var inWindow = expected
            .Where(s => DateOnly.FromDateTime(s.CreatedAt) >= from && DateOnly.FromDateTime(s.CreatedAt) <= to)
            .Select(s => s.Id).ToList();
        var filtered = await (await caller.Client.GetAsync($"{Sessions}?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&page=15&per_page=100"))
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(inWindow.Count, (int)filtered["meta"]!["total"]!);
        Assert.Equal(inWindow.Skip(1400).Take(100), filtered["data"]!.AsArray().Select(i => (string)i!["id"]!));
    }

    [Fact]
    public async Task Another_account_or_mode_never_sees_the_sessions()
    {
        var owner = await Api.NewCallerAsync();
        await CreateAsync(owner.Client);
        var stranger = await Api.NewCallerAsync();
        var liveKeyOfOwner = await Api.NewCallerAsync(live: true, accountName: owner.AccountName);

        foreach (var other in new[] { stranger.Client, liveKeyOfOwner.Client })
        {
            var body = await (await other.GetAsync(Sessions)).ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(0, (int)body["meta"]!["total"]!);
        }
    }
}

public sealed class ListSessionsTestsOnSqlite(SqliteApiFixture api) : ListSessionsTests(api), IClassFixture<SqliteApiFixture>;

public sealed class ListSessionsTestsOnPostgres(PostgresApiFixture api) : ListSessionsTests(api), IClassFixture<PostgresApiFixture>;
