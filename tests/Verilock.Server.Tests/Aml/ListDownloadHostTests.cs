using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Server.Aml;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Aml;

/// <summary>A server configured to download its lists (not offline), from a publisher stand-in on 127.0.0.1.</summary>
public sealed class DownloadingApiFixture() : ApiFixture(new SqliteTestDatabase()), IAsyncLifetime
{
    public ListServer Publisher { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Verilock:Aml:ListsDirectory"] = "",
        ["Verilock:Aml:Sources:un_sc"] = Publisher.Url("un/consolidated.xml").ToString(),
        ["Verilock:Aml:Sources:us_ofac_sdn"] = "",
        ["Verilock:Aml:Sources:eu_fsf"] = "",
        ["Verilock:Aml:Sources:gb_ofsi"] = "",
    };

    async ValueTask IAsyncLifetime.InitializeAsync()
    {
        Publisher = await ListServer.StartAsync(); // publishes nothing yet: every download is a 404
        await InitializeAsync();
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await DisposeAsync();
        await Publisher.DisposeAsync();
    }
}

public sealed class ListDownloadHostTests(DownloadingApiFixture api) : IClassFixture<DownloadingApiFixture>
{
    [Fact]
    public async Task Until_a_list_downloads_live_screening_and_readiness_fail_then_both_work()
    {
        var holder = api.Services.GetRequiredService<ScreeningIndexHolder>();
        for (var i = 0; i < 200 && api.Publisher.Requests == 0; i++)
            await Task.Delay(50);
        Assert.True(api.Publisher.Requests > 0, "The server never tried to download its lists.");
        Assert.False(holder.IsReady);

        var details = await (await api.Anonymous.GetAsync("/readyz")).ExpectErrorAsync(HttpStatusCode.ServiceUnavailable, "server_error");
        Assert.Equal("""{"checks":{"database":"ok","models":"ok","aml_lists":"fail"}}""", details!.ToJsonString());
        var live = await api.NewCallerAsync(live: true);
        var unavailable = await live.Client.PostJsonAsync(AmlRequests.Screen, """{"full_name":"Gulbahar Examplezai"}""");
        await unavailable.ExpectErrorAsync(HttpStatusCode.ServiceUnavailable, "server_error");
        Assert.Equal("5", unavailable.Headers.GetValues("Retry-After").Single());
        var test = await api.NewCallerAsync(live: false);
        Assert.Equal("clear", (string?)(await test.Client.ScreenAsync("""{"full_name":"Gulbahar Examplezai"}"""))["status"]);
        var noLists = await (await live.Client.GetAsync("/api/v1/aml/lists")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("""{"data":[]}""", noLists.ToJsonString());

        api.Publisher.Put("un/consolidated.xml", Encoding.UTF8.GetBytes(TestLists.UnXml(new DateOnly(2026, 3, 10), [TestLists.Standing])));
        var outcome = await api.Services.GetRequiredService<AmlListRefresh>().RefreshAsync(CancellationToken.None);
        Assert.Equal(["un_sc"], outcome.Updated);

        Assert.Equal("""{"status":"ready","checks":{"database":"ok","models":"ok","aml_lists":"ok"}}""",
            (await (await api.Anonymous.GetAsync("/readyz")).ExpectAsync(HttpStatusCode.OK)).ToJsonString());
        var lists = await (await live.Client.GetAsync("/api/v1/aml/lists")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["un_sc"], lists["data"]!.AsArray().Select(l => (string)l!["id"]!));
        Assert.Equal("2026-03-10", (string?)lists["data"]![0]!["version"]);
        Assert.Equal(2, (int)lists["data"]![0]!["entity_count"]!);
        Assert.Equal("potential_match", (string?)(await live.Client.ScreenAsync("""{"full_name":"Gulbahar Examplezai"}"""))["status"]);
        Assert.True(File.Exists(Path.Combine(api.Database.DataDirectory, "aml-lists", "un_sc", "consolidated.xml")));
    }
}
