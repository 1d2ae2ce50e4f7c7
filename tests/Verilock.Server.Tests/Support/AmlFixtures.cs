using System.Net;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace Verilock.Server.Tests.Support;

/// <summary>A server over the real UN and OFAC SDN snapshots (offline mode on <c>../shared/data/sanctions</c>).</summary>
public abstract class RealListsApiFixture(TestDatabase database) : ApiFixture(database)
{
    public static readonly string? Sanctions = TestLists.SharedSanctions();

    protected override string AmlListsDirectory => Sanctions ?? base.AmlListsDirectory;
}

public sealed class SqliteRealListsApiFixture() : RealListsApiFixture(new SqliteTestDatabase());

public sealed class PostgresRealListsApiFixture() : RealListsApiFixture(new PostgresTestDatabase());

public static class AmlRequests
{
    public const string Screen = "/api/v1/aml/screen";
    public const string Screenings = "/api/v1/aml/screenings";

    /// <summary>Posts a screening and returns its body after asserting 201.</summary>
    public static async Task<JsonNode> ScreenAsync(this HttpClient client, string json) =>
        await (await client.PostJsonAsync(Screen, json)).ExpectAsync(HttpStatusCode.Created);

    /// <summary>The outbox rows of one screening (its own events, not its runs'), oldest first.</summary>
    public static Task<List<(string Type, JsonNode Data, string? SessionId)>> ScreeningEventsAsync(this ApiFixture api, string screeningId) =>
        api.WithDbAsync(async db =>
        {
            var rows = await db.OutboxEvents.Where(e => e.Payload!.Contains(screeningId)).OrderBy(e => e.Sequence).ToListAsync();
            return rows.Select(e => (e.Type, Data: JsonNode.Parse(e.Payload!)!, e.SessionId))
                .Where(e => (string?)e.Data["screening_id"] == screeningId)
                .ToList();
        });
}

/// <summary>A server over a generated UN list the tests publish new versions of (offline mode, monitoring and its schedule on).</summary>
public abstract class MonitoringApiFixture(TestDatabase database) : ApiFixture(database)
{
    private int _versions;

    public string ListsDirectory => Path.Combine(Database.DataDirectory, "monitored-lists");

    protected override string AmlListsDirectory => TestLists.WriteSmallDirectory(ListsDirectory);

    /// <summary>Batches of two: a handful of screenings makes several batches, so a run can be stopped between them.</summary>
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Verilock:Aml:MonitoringBatchSize"] = "2",
    };

    /// <summary>Writes a new version of the UN list (a later date each time): the standing entry plus <paramref name="people"/>.</summary>
    public void PublishUn(params TestLists.Person[] people) =>
        TestLists.WriteUn(ListsDirectory, new DateOnly(2026, 2, 1).AddDays(Interlocked.Increment(ref _versions)), [TestLists.Standing, .. people]);
}

public sealed class SqliteMonitoringApiFixture() : MonitoringApiFixture(new SqliteTestDatabase());

public sealed class PostgresMonitoringApiFixture() : MonitoringApiFixture(new PostgresTestDatabase());

/// <summary>A server whose lists folder is empty: live screenings cannot run (as while a first download is pending).</summary>
public sealed class NoListsApiFixture() : ApiFixture(new SqliteTestDatabase())
{
    protected override string AmlListsDirectory => Directory.CreateDirectory(Path.Combine(Database.DataDirectory, "empty-lists")).FullName;
}
