namespace Verilock.Screening;

/// <summary>
/// What a new index changed since an earlier one, and how to re-screen a query whose result against the earlier one
/// is known by looking only at what changed: the earlier matches on entities left as they were stay (their
/// fingerprints are equal, so they score the same), those on entities removed or changed go, and the subset of added
/// and changed entities is screened (<see cref="ScreeningIndex.ScreenWithin"/>). Both indexes must be of the same
/// <see cref="ScreeningIndex.EngineVersion"/>.
/// </summary>
public sealed class ScreeningDelta
{
    private ScreeningDelta(ScreeningIndex after, IReadOnlySet<string> changed, ScreeningSubset subset)
    {
        After = after;
        Changed = changed;
        Subset = subset;
    }

    public ScreeningIndex After { get; }

    /// <summary>Entity ids removed, added, or whose fingerprint differs.</summary>
    public IReadOnlySet<string> Changed { get; }

    /// <summary>The added and changed entities of <see cref="After"/>.</summary>
    public ScreeningSubset Subset { get; }

    /// <summary>Nothing changed: every earlier result stands.</summary>
    public bool IsEmpty => Changed.Count == 0;

    /// <param name="before">
    /// The earlier index's <see cref="ScreeningIndex.BasisFingerprints"/> (stored, so the earlier index need not be in
    /// memory): its entities' fingerprints and the words that decide two-edit lookups.
    /// </param>
    public static ScreeningDelta Between(IReadOnlyDictionary<string, ulong> before, ScreeningIndex after)
    {
        var now = after.EntityFingerprints();
        var changed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (id, fingerprint) in now)
        {
            if (!before.TryGetValue(id, out var earlier) || earlier != fingerprint)
                changed.Add(id);
        }
        var wordsBefore = new HashSet<string>(StringComparer.Ordinal);
        foreach (var id in before.Keys)
        {
            if (id.Length > 0 && id[0] == ScreeningIndex.WordKeyPrefix)
                wordsBefore.Add(id[1..]);
            else if (!now.ContainsKey(id))
                changed.Add(id);
        }
        // Words listed in one version only: a query spelling one is looked up differently now, so it is screened whole.
        var wordsChanged = after.TwoEditDecidingWords();
        wordsChanged.SymmetricExceptWith(wordsBefore);
        return new ScreeningDelta(after, changed, after.Subset(changed, wordsChanged));
    }

    /// <summary>
    /// The result <see cref="ScreeningIndex.Screen"/> gives <paramref name="query"/> on <see cref="After"/>, from its
    /// result <paramref name="previous"/> on the earlier index (best first, as a screening stores it); null when that
    /// cannot be known without screening it whole: the earlier result was cut at <see cref="ScreeningQuery.MaxMatches"/>
    /// (what was cut may come back when a match goes), or the query is one whose candidates depend on the whole index,
    /// or it spells a word one version lists and the other does not (its two-edit lookup changed).
    /// Returns <paramref name="previous"/> itself when nothing in it changes.
    /// </summary>
    /// <param name="convert">Makes a caller's match from the library's.</param>
    public IReadOnlyList<TMatch>? Rescreen<TMatch>(
        ScreeningQuery query, IReadOnlyList<TMatch> previous, Func<TMatch, string> entityId, Func<TMatch, double> score,
        Func<ScreeningMatch, TMatch> convert)
    {
        if (IsEmpty)
            return previous;
        if (previous.Count >= ScreeningQuery.MaxMatches)
            return null;
        var added = After.ScreenWithin(query, Subset);
        if (added is null)
            return null;
        var kept = previous.Where(m => !Changed.Contains(entityId(m))).ToList();
        if (added.Matches.Count == 0 && kept.Count == previous.Count)
            return previous;
        // The order Screen gives: best first, then by entity id.
        return kept.Concat(added.Matches.Select(convert))
            .OrderByDescending(score)
            .ThenBy(entityId, StringComparer.Ordinal)
            .Take(ScreeningQuery.MaxMatches)
            .ToList();
    }
}
