using System.Globalization;
using Verilock.Screening;
using Verilock.Screening.Lists;

namespace Verilock.Server.Aml;

/// <summary>The <c>Verilock:Aml</c> section: where sanctions lists come from and how screenings are scored.</summary>
public sealed class AmlOptions
{
    /// <summary>
    /// Offline mode: load the lists from this folder (one subfolder per list id, laid out like
    /// <c>shared/data/sanctions</c>), re-read it every <see cref="RefreshInterval"/>, and download nothing.
    /// </summary>
    public string? ListsDirectory { get; set; }

    /// <summary>Where the last good downloaded copy of each list is kept; default <c>&lt;DataDir&gt;/aml-lists</c>.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>
    /// List id → the publisher's download address. OFAC's URL names <c>sdn.csv</c>; <c>alt.csv</c> and
    /// <c>sdn_comments.csv</c> are fetched from beside it. An empty value turns a list off.
    /// </summary>
    public Dictionary<string, string> Sources { get; set; } =
        KnownLists.All.ToDictionary(l => l.Id, l => l.SourceUrl, StringComparer.OrdinalIgnoreCase);

    /// <summary>How often the lists are downloaded again (or, offline, the folder re-read).</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How soon a failed download is tried again (never later than the next regular refresh).</summary>
    public TimeSpan RetryInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Longest time one file may take to download, headers and body.</summary>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest file accepted (the EU file is the biggest, about 25 MB); a bigger one is rejected.</summary>
    public long MaxDownloadBytes { get; set; } = 200L * 1024 * 1024;

    /// <summary>The threshold of screenings that do not give one (spec §11.1), 0.50–1.00.</summary>
    public double Threshold { get; set; } = ScreeningQuery.DefaultThreshold;

    /// <summary>Re-screen monitored sessions and screenings when a list arrives in a new version (spec §11.4).</summary>
    public bool Monitoring { get; set; } = true;

    /// <summary>Also re-screen them every day at <see cref="MonitoringTime"/>, those whose frequency makes them due (spec §16).</summary>
    public bool ScheduledMonitoring { get; set; } = true;

    /// <summary>The UTC time of day of the scheduled run, <c>HH:mm</c>.</summary>
    public string MonitoringTime { get; set; } = "04:00";

    /// <summary>Screenings or sessions re-screened and written per transaction (the cursor and heartbeat move with each).</summary>
    public int MonitoringBatchSize { get; set; } = 2000;

    /// <summary>
    /// An unfinished monitoring claim whose heartbeat is older than this belongs to an instance that stopped, and
    /// another takes it over. The heartbeat moves with every batch, so this only needs to exceed one batch's time.
    /// </summary>
    public TimeSpan MonitoringStaleAfter { get; set; } = AmlMonitoring.DefaultStaleAfter;

    /// <summary><see cref="MonitoringTime"/> read; valid once <see cref="Problems"/> found nothing.</summary>
    public TimeSpan MonitoringTimeOfDay =>
        TimeOnly.TryParseExact(MonitoringTime, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToTimeSpan()
            : TimeSpan.FromHours(4);

    public bool IsOffline => !string.IsNullOrWhiteSpace(ListsDirectory);

    public string CachePath(string dataDir) =>
        Path.GetFullPath(string.IsNullOrWhiteSpace(CacheDirectory) ? Path.Combine(dataDir, "aml-lists") : CacheDirectory);

    /// <summary>The configured downloads, in the order of <see cref="KnownLists.All"/>, without those turned off.</summary>
    public IReadOnlyList<(string ListId, Uri Url)> Downloads() =>
        KnownLists.All
            .Select(l => (l.Id, Url: Sources.FirstOrDefault(s => string.Equals(s.Key, l.Id, StringComparison.OrdinalIgnoreCase)).Value))
            .Where(s => !string.IsNullOrWhiteSpace(s.Url))
            .Select(s => (s.Id, new Uri(s.Url!)))
            .ToList();

    public IEnumerable<string> Problems()
    {
        const string section = "Verilock:Aml";
        if (double.IsNaN(Threshold) || Threshold < QueryValidation.MinThreshold || Threshold > QueryValidation.MaxThreshold)
            yield return $"{section}:Threshold must be between 0.50 and 1.00.";
        if (RefreshInterval <= TimeSpan.Zero)
            yield return $"{section}:RefreshInterval must be positive.";
        if (RetryInterval <= TimeSpan.Zero)
            yield return $"{section}:RetryInterval must be positive.";
        if (DownloadTimeout <= TimeSpan.Zero)
            yield return $"{section}:DownloadTimeout must be positive.";
        if (MaxDownloadBytes <= 0)
            yield return $"{section}:MaxDownloadBytes must be positive.";
        if (!TimeOnly.TryParseExact(MonitoringTime, ["HH:mm", "HH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            yield return $"{section}:MonitoringTime must be a UTC time of day as HH:mm, e.g. 04:00.";
        if (MonitoringBatchSize is < 1 or > 100_000)
            yield return $"{section}:MonitoringBatchSize must be between 1 and 100000.";
        if (MonitoringStaleAfter <= TimeSpan.Zero)
            yield return $"{section}:MonitoringStaleAfter must be positive.";
        foreach (var (listId, url) in Sources)
        {
            if (KnownLists.Find(listId.ToLowerInvariant()) is null)
                yield return $"{section}:Sources:{listId} is not a list Verilock can read (known: {string.Join(", ", KnownLists.All.Select(l => l.Id))}).";
            else if (!string.IsNullOrWhiteSpace(url) &&
                     !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
                yield return $"{section}:Sources:{listId} must be an absolute http(s) URL, or empty to turn the list off.";
        }
    }
}
