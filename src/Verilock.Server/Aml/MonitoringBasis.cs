using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Verilock.Infrastructure.Aml;
using Verilock.Infrastructure.Persistence;
using Verilock.Screening;

namespace Verilock.Server.Aml;

/// <summary>
/// The lists a monitoring run screens against, as a basis later runs can be compared with: its key (the engine build
/// and the loaded lists' keys) is stored on every item the run re-screens, and its entity fingerprints once
/// (<see cref="MonitoringBases"/>). For the bases the run meets on its items it keeps the <see cref="ScreeningDelta"/>
/// from each to its own lists, so an item screened against an earlier version is re-screened against what changed
/// since. One per run; read from every screening thread once prepared.
/// </summary>
internal sealed class MonitoringBasis(AmlListSet set)
{
    private readonly ConcurrentDictionary<string, ScreeningDelta?> _deltas = new(StringComparer.Ordinal);

    public AmlListSet Set => set;

    public string Key { get; } = KeyOf(set);

    public static string KeyOf(AmlListSet set)
    {
        var text = ScreeningIndex.EngineVersion + "\n" + string.Join('\n', set.Lists.Select(l => l.Key).Order(StringComparer.Ordinal));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    /// <summary>Stores this basis's fingerprints, unless they are stored already.</summary>
    public Task SaveAsync(VerilockDbContext db, DateTime now, CancellationToken cancellationToken) =>
        MonitoringBases.SaveAsync(db, Key, ScreeningIndex.EngineVersion, string.Join(',', set.Lists.Select(l => l.Key)),
            set.Index.BasisFingerprints(), now, cancellationToken);

    /// <summary>Loads the deltas from <paramref name="keys"/> not met before (before screening a page, off the screening threads).</summary>
    public async Task PrepareAsync(VerilockDbContext db, IEnumerable<string?> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys.OfType<string>().Distinct(StringComparer.Ordinal))
        {
            if (key == Key || _deltas.ContainsKey(key))
                continue;
            var stored = await MonitoringBases.LoadAsync(db, key, cancellationToken);
            // Results of another build of the engine, or of a basis no longer stored, are not reused: screened whole.
            _deltas[key] = stored is { } basis && basis.Engine == ScreeningIndex.EngineVersion
                ? ScreeningDelta.Between(basis.Fingerprints, set.Index)
                : null;
        }
    }

    /// <summary>
    /// How an item's matches found against <paramref name="key"/> are brought up to this basis: an empty delta for this
    /// basis itself, the prepared delta for another, or null (screen it whole).
    /// </summary>
    public ScreeningDelta? DeltaFrom(string? key) =>
        key is null ? null : key == Key ? Unchanged : _deltas.GetValueOrDefault(key);

    private ScreeningDelta Unchanged => field ??= ScreeningDelta.Between(set.Index.BasisFingerprints(), set.Index);
}
