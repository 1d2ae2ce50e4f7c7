using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Options;
using Verilock.Screening.Lists;
using Verilock.Server.Hosting;

namespace Verilock.Server.Aml;

/// <summary>
/// Keeps <see cref="ScreeningIndexHolder"/> current. At start it loads the lists directory (offline mode)
/// or the last good copies in the cache folder; then, every refresh interval, it downloads the lists
/// again (offline: re-reads the folder). A list whose files are unchanged is skipped; a changed one is
/// parsed, and only when it parses is it written over the last good copy and swapped in. A failed or
/// corrupt download leaves the old list in place and is retried sooner. Each list that arrives in a new
/// version starts monitoring (spec §11.4).
/// </summary>
public sealed partial class AmlListRefresh(
    ScreeningIndexHolder holder,
    ListDownloader downloader,
    AmlMonitoring monitoring,
    IOptions<AmlOptions> aml,
    IOptions<VerilockOptions> options,
    TimeProvider time,
    ILogger<AmlListRefresh> logger)
    : BackgroundService
{
    private const string StampFile = "last-refresh";
    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _nextDueTicks = DateTimeOffset.MinValue.UtcTicks;

    /// <summary>What one refresh did: lists swapped in, lists that failed (kept at their last good copy).</summary>
    public sealed record Outcome(IReadOnlyList<string> Updated, IReadOnlyList<string> Failed);

    /// <summary>When the next download (offline: re-read) is due, UTC.</summary>
    public DateTimeOffset NextRefreshAt => new(Volatile.Read(ref _nextDueTicks), TimeSpan.Zero);

    private void ScheduleAt(DateTimeOffset due) => Volatile.Write(ref _nextDueTicks, due.UtcTicks);

    private AmlOptions Settings => aml.Value;

    private string CacheDirectory => Settings.CachePath(options.Value.DataDir);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield(); // start-up must not wait for list parsing
        try
        {
            await LoadAtStartupAsync(stoppingToken);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            LogStartupFailed(logger, ex);
        }
        finally
        {
            holder.MarkStartupLoaded();
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var wait = NextRefreshAt - time.GetUtcNow();
                if (wait > TimeSpan.Zero)
                {
                    // Short sleeps, so a jump of the clock (a suspended VM, a test's clock) is noticed within a minute.
                    await Task.Delay(Min(wait, TimeSpan.FromMinutes(1)), time, stoppingToken);
                    continue;
                }
                await RefreshAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRefreshFailed(logger, ex);
                ScheduleAt(time.GetUtcNow() + Min(Settings.RetryInterval, Settings.RefreshInterval));
            }
        }
    }

    /// <summary>Loads what is on disk; online, schedules a download at once when a configured list has no copy yet.</summary>
    public async Task LoadAtStartupAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (Settings.IsOffline)
            {
                var directory = Path.GetFullPath(Settings.ListsDirectory!);
                if (!Directory.Exists(directory))
                    LogNoListsDirectory(logger, directory);
                await ApplyAsync(LoadFolder(directory, ListsDirectory.ListIds(directory), "directory", []).Loaded, cancellationToken);
                ScheduleAt(now + Settings.RefreshInterval);
                return;
            }

            var configured = Settings.Downloads().Select(d => d.ListId).ToList();
            var cached = Directory.Exists(CacheDirectory) ? ListsDirectory.ListIds(CacheDirectory).Where(configured.Contains).ToList() : [];
            await ApplyAsync(LoadFolder(CacheDirectory, cached, "cache", []).Loaded, cancellationToken);
            var lastRefresh = ReadStamp();
            ScheduleAt(cached.Count < configured.Count || lastRefresh is null ? now : lastRefresh.Value + Settings.RefreshInterval);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>One refresh now: download (or re-read) every list, swap in those that changed and parse.</summary>
    public async Task<Outcome> RefreshAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var outcome = Settings.IsOffline ? await RereadDirectoryAsync(cancellationToken) : await DownloadAllAsync(cancellationToken);
            var interval = outcome.Failed.Count == 0 ? Settings.RefreshInterval : Min(Settings.RetryInterval, Settings.RefreshInterval);
            ScheduleAt(time.GetUtcNow() + interval);
            return outcome;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<Outcome> RereadDirectoryAsync(CancellationToken cancellationToken)
    {
        var directory = Path.GetFullPath(Settings.ListsDirectory!);
        var current = holder.Current?.Lists ?? [];
        var (loaded, failed) = LoadFolder(directory, Directory.Exists(directory) ? ListsDirectory.ListIds(directory) : [], "directory", current);
        await ApplyAsync(loaded, cancellationToken);
        return new Outcome(loaded.Select(l => l.Id).ToList(), failed);
    }

    private async Task<Outcome> DownloadAllAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(CacheDirectory);
        var staging = Path.Combine(CacheDirectory, $".staging-{Guid.NewGuid():N}");
        try
        {
            var current = holder.Current?.Lists ?? [];
            var downloaded = new List<string>();
            var failed = new List<string>();
            foreach (var (listId, url) in Settings.Downloads())
            {
                try
                {
                    await downloader.DownloadAsync(listId, url, Path.Combine(staging, listId), cancellationToken);
                    downloaded.Add(listId);
                }
                catch (ListDownloadException ex)
                {
                    LogDownloadFailed(logger, listId, ex.Message);
                    failed.Add(listId);
                }
            }

            var (loaded, rejected) = LoadFolder(staging, downloaded, "download", current);
            failed.AddRange(rejected);
            // The new files become the last good copy only once they have parsed.
            foreach (var list in loaded)
                Promote(Path.Combine(staging, list.Id), Path.Combine(CacheDirectory, list.Id));
            await ApplyAsync(loaded, cancellationToken);
            if (failed.Count == 0)
                WriteStamp(time.GetUtcNow());
            return new Outcome(loaded.Select(l => l.Id).ToList(), failed);
        }
        finally
        {
            if (Directory.Exists(staging))
                Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>
    /// Parses the lists of <paramref name="folder"/> whose files differ from the copy in <paramref name="current"/>;
    /// one that does not parse is reported and left out, so the caller keeps what it had.
    /// </summary>
    private (List<LoadedList> Loaded, List<string> Failed) LoadFolder(
        string folder, IEnumerable<string> listIds, string origin, IReadOnlyList<LoadedList> current)
    {
        var loaded = new List<LoadedList>();
        var failed = new List<string>();
        foreach (var listId in listIds)
        {
            try
            {
                var hash = LoadedList.HashFiles(LoadedList.SourceFiles(listId, Path.Combine(folder, listId)));
                if (current.Any(l => l.Id == listId && l.ContentHash == hash))
                    continue;
                var started = Stopwatch.GetTimestamp();
                var list = ListsDirectory.LoadList(folder, listId, time.GetUtcNow());
                loaded.Add(new LoadedList(list, hash));
                LogListParsed(logger, listId, list.Metadata.Version, list.Metadata.EntityCount, origin, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
            catch (Exception ex) when (ex is ListParseException or IOException)
            {
                LogListRejected(logger, listId, origin, ex.Message);
                failed.Add(listId);
            }
        }
        return (loaded, failed);
    }

    /// <summary>Builds a new set with <paramref name="changed"/> replacing their older copies, swaps it in, and starts monitoring for them.</summary>
    private async Task ApplyAsync(IReadOnlyList<LoadedList> changed, CancellationToken cancellationToken)
    {
        if (changed.Count == 0)
            return;
        var previous = holder.Current?.Lists ?? [];
        var started = Stopwatch.GetTimestamp();
        var set = AmlListSet.Build(previous.Where(p => changed.All(c => c.Id != p.Id)).Concat(changed));
        holder.Swap(set);
        LogIndexSwapped(logger, set.Lists.Count, set.Index.EntityCount, set.Index.NameCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        if (!Settings.Monitoring)
            return;
        try
        {
            await monitoring.RunAsync(set, changed, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogMonitoringFailed(logger, ex);
        }
    }

    /// <summary>Replaces the cached copy of one list with the parsed download, the old one moved aside first.</summary>
    private static void Promote(string downloaded, string target)
    {
        var aside = target + $".old-{Guid.NewGuid():N}";
        if (Directory.Exists(target))
            Directory.Move(target, aside);
        Directory.Move(downloaded, target);
        if (Directory.Exists(aside))
            Directory.Delete(aside, recursive: true);
    }

    private DateTimeOffset? ReadStamp()
    {
        var path = Path.Combine(CacheDirectory, StampFile);
        return File.Exists(path) && DateTimeOffset.TryParse(File.ReadAllText(path).Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : null;
    }

    private void WriteStamp(DateTimeOffset at) =>
        File.WriteAllText(Path.Combine(CacheDirectory, StampFile), at.ToString("O", CultureInfo.InvariantCulture));

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "AML list {ListId} version {Version} parsed from {Origin}: {Entities} entities in {Milliseconds:0} ms")]
    private static partial void LogListParsed(ILogger logger, string listId, string version, int entities, string origin, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AML list {ListId} from {Origin} rejected, keeping the last good copy: {Reason}")]
    private static partial void LogListRejected(ILogger logger, string listId, string origin, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AML list {ListId} download failed, keeping the last good copy: {Reason}")]
    private static partial void LogDownloadFailed(ILogger logger, string listId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "AML index swapped in: {Lists} lists, {Entities} entities, {Names} names, built in {Milliseconds:0} ms")]
    private static partial void LogIndexSwapped(ILogger logger, int lists, int entities, int names, double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AML lists directory {Directory} does not exist; no lists loaded")]
    private static partial void LogNoListsDirectory(ILogger logger, string directory);

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the AML lists at start-up failed")]
    private static partial void LogStartupFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "AML list refresh failed; retrying later")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "AML monitoring run failed")]
    private static partial void LogMonitoringFailed(ILogger logger, Exception exception);
}
