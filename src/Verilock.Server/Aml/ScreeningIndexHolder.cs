using System.Security.Cryptography;
using Verilock.Screening;
using Verilock.Screening.Lists;
using Verilock.Screening.Model;

namespace Verilock.Server.Aml;

/// <summary>A parsed list and a hash of the files it came from, which tells a new copy from the same one downloaded again.</summary>
public sealed record LoadedList(SanctionsList List, string ContentHash)
{
    public string Id => List.Metadata.Id;

    /// <summary>
    /// Names this copy of the list wherever it is loaded: the same files give the same key on every
    /// server instance, so a monitoring run for it can be claimed once (<c>un_sc@2026-02-27#3f9a…</c>).
    /// </summary>
    public string Key => $"{Id}@{List.Metadata.Version}#{ContentHash[..16]}";

    /// <summary>SHA-256 over the names and bytes of the files a list is read from, in name order.</summary>
    public static string HashFiles(IEnumerable<string> paths)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[81920];
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(path) + "\n"));
            using var file = File.OpenRead(path);
            int read;
            while ((read = file.Read(buffer)) > 0)
                hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The files of <paramref name="folder"/> that <see cref="ListsDirectory"/> reads for <paramref name="listId"/>.</summary>
    public static IReadOnlyList<string> SourceFiles(string listId, string folder)
    {
        if (!Directory.Exists(folder))
            return [];
        string[] patterns = listId switch
        {
            KnownLists.OfacSdn => ["sdn.csv", "alt.csv", "sdn_comments.csv"],
            KnownLists.UnSecurityCouncil or KnownLists.EuFinancialSanctions => ["*.xml"],
            _ => ["*.csv"],
        };
        return patterns.SelectMany(p => Directory.GetFiles(folder, p)).Distinct().ToList();
    }
}

/// <summary>The lists in memory and the index built from them; replaced whole, never changed.</summary>
public sealed record AmlListSet(ScreeningIndex Index, IReadOnlyList<LoadedList> Lists)
{
    public LoadedList? Find(string listId) => Lists.FirstOrDefault(l => l.Id == listId);

    public static AmlListSet Build(IEnumerable<LoadedList> lists)
    {
        var ordered = lists.OrderBy(l => KnownLists.All.ToList().FindIndex(k => k.Id == l.Id)).ToList();
        return new AmlListSet(ScreeningIndex.Build(ordered.Select(l => l.List)), ordered);
    }
}

/// <summary>
/// The current <see cref="AmlListSet"/>, shared by every request. A refresh builds a whole new set and
/// swaps the reference; screenings already running finish on the set they started with.
/// </summary>
public sealed class ScreeningIndexHolder(TimeProvider time)
{
    private AmlListSet? _current;
    private readonly TaskCompletionSource _firstLoad = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>When this process started; the built-in sandbox list counts as loaded then.</summary>
    public DateTime StartedAt { get; } = Domain.Common.Clock.UtcSeconds(time);

    /// <summary>Null until the first list has loaded.</summary>
    public AmlListSet? Current => Volatile.Read(ref _current);

    /// <summary>Completes once start-up loading has finished, whether or not it found a usable list.</summary>
    public Task StartupLoaded => _firstLoad.Task;

    public bool IsReady => Current is { Lists.Count: > 0 };

    /// <summary>Installs <paramref name="next"/>; returns the set it replaced.</summary>
    public AmlListSet? Swap(AmlListSet next)
    {
        Operations.ServerMetrics.ListsLoaded(next);
        return Interlocked.Exchange(ref _current, next);
    }

    internal void MarkStartupLoaded() => _firstLoad.TrySetResult();
}
