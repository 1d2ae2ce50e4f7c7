using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Verilock.Server.Aml;
using Verilock.Server.Hosting;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Aml;

/// <summary>
/// List refresh without a database (monitoring off): downloads from a local stand-in for the publishers,
/// the last good copy on disk, rejection of corrupt and truncated files, caps, offline mode and the schedule.
/// </summary>
public sealed class ListRefreshTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 3, 15, 10, 30, 0, TimeSpan.Zero);
    private readonly string _dir = Directory.CreateTempSubdirectory("verilock-lists-").FullName;
    private readonly FakeTimeProvider _clock = new(Start);
    private readonly List<ServiceProvider> _providers = [];
    private ListServer _server = null!;

    public async ValueTask InitializeAsync() => _server = await ListServer.StartAsync();

    public async ValueTask DisposeAsync()
    {
        foreach (var provider in _providers)
            await provider.DisposeAsync();
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private string Cache => Path.Combine(_dir, "data", "aml-lists");

    /// <summary>The refresh service of a fresh "process" over <see cref="Cache"/>.</summary>
    private (AmlListRefresh Refresh, ScreeningIndexHolder Holder) NewProcess(Action<AmlOptions>? configure = null)
    {
        var aml = new AmlOptions
        {
            Sources = new(StringComparer.OrdinalIgnoreCase) { ["un_sc"] = _server.Url("un/consolidated.xml").ToString() },
            Monitoring = false,
        };
        configure?.Invoke(aml);
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(_clock);
        services.AddSingleton(Options.Create(new VerilockOptions { DataDir = Path.Combine(_dir, "data"), Aml = aml }));
        services.AddSingleton(Options.Create(aml));
        services.AddAml();
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return (provider.GetRequiredService<AmlListRefresh>(), provider.GetRequiredService<ScreeningIndexHolder>());
    }

    private static byte[] Un(DateOnly generated, params TestLists.Person[] extra) =>
        Encoding.UTF8.GetBytes(TestLists.UnXml(generated, [TestLists.Standing, .. extra]));

    private static readonly TestLists.Person Added = new("9100042", "NOVAK", "EXAMPLOVIC", 1975);

    [Fact]
    public async Task The_first_start_downloads_parses_caches_and_swaps_the_lists_in()
    {
        Assert.SkipWhen(TestLists.SharedSanctions() is null, "The real list snapshots are not here.");
        var shared = TestLists.SharedSanctions()!;
        _server.PutFile("un/consolidated.xml", Path.Combine(shared, "un_sc", "consolidated.xml"));
        var published = new DateTimeOffset(2026, 3, 14, 18, 0, 0, TimeSpan.Zero);
        foreach (var file in new[] { "sdn.csv", "alt.csv", "sdn_comments.csv" })
            _server.PutFile($"ofac/{file}", Path.Combine(shared, "us_ofac_sdn", file), published);
        var (refresh, holder) = NewProcess(aml => aml.Sources["us_ofac_sdn"] = _server.Url("ofac/sdn.csv").ToString());

        await refresh.LoadAtStartupAsync(CancellationToken.None);
        Assert.Null(holder.Current);
        var outcome = await refresh.RefreshAsync(CancellationToken.None);

        Assert.Equal(["us_ofac_sdn", "un_sc"], outcome.Updated);
        Assert.Empty(outcome.Failed);
        Assert.True(holder.IsReady);
        var lists = holder.Current!.Lists.Select(l => l.List.Metadata).ToList();
        Assert.Equal(["us_ofac_sdn", "un_sc"], lists.Select(l => l.Id));
        Assert.Equal("2026-03-14", lists[0].Version); // OFAC's CSV has no date: the publisher's Last-Modified is its version
        Assert.Equal("2026-02-27", lists[1].Version);
        Assert.Equal(1003, lists[1].EntityCount);
        Assert.NotEmpty(holder.Current.Index.Screen(new Verilock.Screening.ScreeningQuery("Eric Badege")).Matches);

        Assert.True(File.Exists(Path.Combine(Cache, "un_sc", "consolidated.xml")));
        Assert.Equal(["alt.csv", "sdn.csv", "sdn_comments.csv"], Directory.GetFiles(Path.Combine(Cache, "us_ofac_sdn")).Select(Path.GetFileName).Order());
        Assert.True(File.Exists(Path.Combine(Cache, "last-refresh")));
        Assert.Equal(["un_sc", "us_ofac_sdn"], Directory.GetDirectories(Cache).Select(Path.GetFileName).Order()); // no staging left
    }

    [Theory]
    [InlineData("truncated")]
    [InlineData("html")]
    [InlineData("missing")]
    [InlineData("no entries")]
    public async Task A_bad_download_is_rejected_and_the_last_good_copy_kept(string kind)
    {
        var good = Un(new DateOnly(2026, 3, 1));
        _server.Put("un/consolidated.xml", good);
        var (refresh, holder) = NewProcess();
        await refresh.RefreshAsync(CancellationToken.None);
        var before = holder.Current!;
        var stamp = File.ReadAllText(Path.Combine(Cache, "last-refresh"));

        var next = Un(new DateOnly(2026, 3, 2), Added);
        switch (kind)
        {
            case "truncated":
                _server.Put("un/consolidated.xml", next[..(next.Length * 2 / 3)]);
                break;
            case "html":
                _server.Put("un/consolidated.xml", "<html><body>Down for maintenance</body></html>"u8.ToArray());
                break;
            case "missing":
                _server.Remove("un/consolidated.xml");
                break;
            default:
                _server.Put("un/consolidated.xml", Encoding.UTF8.GetBytes(TestLists.UnXml(new DateOnly(2026, 3, 2), [])));
                break;
        }
        _clock.Advance(TimeSpan.FromDays(1));
        var outcome = await refresh.RefreshAsync(CancellationToken.None);

        Assert.Equal(["un_sc"], outcome.Failed);
        Assert.Empty(outcome.Updated);
        Assert.Same(before, holder.Current);
        Assert.Equal(good, File.ReadAllBytes(Path.Combine(Cache, "un_sc", "consolidated.xml")));
        Assert.Equal(stamp, File.ReadAllText(Path.Combine(Cache, "last-refresh")));
        Assert.Equal(["un_sc"], Directory.GetDirectories(Cache).Select(Path.GetFileName));

        // Once the publisher serves a good file again, it is taken.
        _server.Put("un/consolidated.xml", next);
        Assert.Equal(["un_sc"], (await refresh.RefreshAsync(CancellationToken.None)).Updated);
        Assert.Equal("2026-03-02", holder.Current!.Lists.Single().List.Metadata.Version);
    }

    [Fact]
    public async Task The_real_UN_file_cut_short_is_rejected()
    {
        Assert.SkipWhen(TestLists.SharedSanctions() is null, "The real list snapshots are not here.");
        var real = File.ReadAllBytes(Path.Combine(TestLists.SharedSanctions()!, "un_sc", "consolidated.xml"));
        _server.Put("un/consolidated.xml", real[..(real.Length / 2)]);
        var (refresh, holder) = NewProcess();
        var outcome = await refresh.RefreshAsync(CancellationToken.None);
        Assert.Equal(["un_sc"], outcome.Failed);
        Assert.Null(holder.Current);
        Assert.False(Directory.Exists(Path.Combine(Cache, "un_sc")));
    }

    [Fact]
    public async Task A_file_over_the_size_cap_is_rejected_while_downloading()
    {
        _server.Put("un/consolidated.xml", Un(new DateOnly(2026, 3, 1)));
        var (refresh, holder) = NewProcess(aml => aml.MaxDownloadBytes = 500);
        Assert.Equal(["un_sc"], (await refresh.RefreshAsync(CancellationToken.None)).Failed);
        Assert.Null(holder.Current);
        Assert.False(Directory.Exists(Path.Combine(Cache, "un_sc")));
    }

    [Fact]
    public async Task The_same_files_again_change_nothing_and_a_restart_uses_the_cached_copy()
    {
        _server.Put("un/consolidated.xml", Un(new DateOnly(2026, 3, 1), Added));
        var (refresh, holder) = NewProcess();
        await refresh.RefreshAsync(CancellationToken.None);
        var first = holder.Current;
        Assert.Empty((await refresh.RefreshAsync(CancellationToken.None)).Updated);
        Assert.Same(first, holder.Current);

        // A new process whose publisher is unreachable starts from the last good copy on disk.
        await _server.DisposeAsync();
        _server = await ListServer.StartAsync();
        var (restarted, restartedHolder) = NewProcess(aml => aml.Sources["un_sc"] = "http://127.0.0.1:9/un/consolidated.xml");
        await restarted.LoadAtStartupAsync(CancellationToken.None);
        Assert.Equal(first!.Lists.Single().Key, restartedHolder.Current!.Lists.Single().Key);
        Assert.NotEmpty(restartedHolder.Current.Index.Screen(new Verilock.Screening.ScreeningQuery("Novak Examplovic")).Matches);
        Assert.Equal(["un_sc"], (await restarted.RefreshAsync(CancellationToken.None)).Failed);
        Assert.True(restartedHolder.IsReady);
    }

    [Fact]
    public async Task Offline_mode_reads_the_directory_and_downloads_nothing()
    {
        var lists = Path.Combine(_dir, "offline");
        TestLists.WriteUn(lists, new DateOnly(2026, 2, 1), [TestLists.Standing]);
        _server.Put("un/consolidated.xml", Un(new DateOnly(2026, 3, 1)));
        var (refresh, holder) = NewProcess(aml => aml.ListsDirectory = lists);

        await refresh.LoadAtStartupAsync(CancellationToken.None);
        Assert.Equal("2026-02-01", holder.Current!.Lists.Single().List.Metadata.Version);
        Assert.Empty((await refresh.RefreshAsync(CancellationToken.None)).Updated);

        TestLists.WriteUn(lists, new DateOnly(2026, 2, 2), [TestLists.Standing, Added]);
        Assert.Equal(["un_sc"], (await refresh.RefreshAsync(CancellationToken.None)).Updated);
        Assert.Equal("2026-02-02", holder.Current!.Lists.Single().List.Metadata.Version);

        File.WriteAllText(Path.Combine(lists, "un_sc", "consolidated.xml"), "<CONSOLIDATED_LIST");
        Assert.Equal(["un_sc"], (await refresh.RefreshAsync(CancellationToken.None)).Failed);
        Assert.Equal("2026-02-02", holder.Current!.Lists.Single().List.Metadata.Version);
        Assert.Equal(0, _server.Requests);
        Assert.False(Directory.Exists(Cache));
    }

    [Fact]
    public async Task The_service_downloads_at_once_without_a_copy_then_on_schedule_and_retries_sooner_after_a_failure()
    {
        _server.Put("un/consolidated.xml", Un(new DateOnly(2026, 3, 1)));
        var (refresh, holder) = NewProcess(aml =>
        {
            aml.RefreshInterval = TimeSpan.FromHours(24);
            aml.RetryInterval = TimeSpan.FromHours(1);
        });
        await ((IHostedService)refresh).StartAsync(CancellationToken.None);
        try
        {
            await holder.StartupLoaded.WaitAsync(TimeSpan.FromSeconds(30));
            await WaitUntil(() => refresh.NextRefreshAt == Start + TimeSpan.FromHours(24));
            Assert.True(holder.IsReady);
            Assert.Equal(1, _server.Requests);

            _server.Remove("un/consolidated.xml");
            _clock.Advance(TimeSpan.FromHours(23));
            await Task.Delay(300);
            Assert.Equal(1, _server.Requests);
            _clock.Advance(TimeSpan.FromHours(1));
            await WaitUntil(() => _server.Requests == 2, nudgeClock: true); // the daily refresh: 404, kept the old copy
            await WaitUntil(() => refresh.NextRefreshAt > Start + TimeSpan.FromHours(24));
            Assert.True(holder.IsReady);

            _server.Put("un/consolidated.xml", Un(new DateOnly(2026, 3, 2)));
            var retryAt = refresh.NextRefreshAt;
            Assert.True(retryAt - _clock.GetUtcNow() <= TimeSpan.FromHours(1));
            _clock.Advance(retryAt - _clock.GetUtcNow() - TimeSpan.FromMinutes(10));
            await Task.Delay(300);
            Assert.Equal(2, _server.Requests);
            _clock.Advance(TimeSpan.FromMinutes(10));
            await WaitUntil(() => holder.Current!.Lists.Single().List.Metadata.Version == "2026-03-02", nudgeClock: true); // retried after an hour, not a day
            Assert.Equal(3, _server.Requests);
        }
        finally
        {
            await ((IHostedService)refresh).StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Polls <paramref name="condition"/>; with <paramref name="nudgeClock"/>, moves the clock a minute per poll so a sleep the service started just after a jump still ends.</summary>
    private async Task WaitUntil(Func<bool> condition, bool nudgeClock = false)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(50);
            if (nudgeClock)
                _clock.Advance(TimeSpan.FromMinutes(1));
        }
        Assert.True(condition(), "Timed out waiting for the list refresh.");
    }
}
