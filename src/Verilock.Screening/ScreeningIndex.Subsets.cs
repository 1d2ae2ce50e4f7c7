using Verilock.Screening.Matching;

namespace Verilock.Screening;

/// <summary>Some entities of one <see cref="ScreeningIndex"/>, to screen against alone (see <see cref="ScreeningIndex.ScreenWithin"/>).</summary>
public sealed class ScreeningSubset
{
    private readonly Vocabulary _vocabulary;

    /// <summary>The index's token id of each of the subset vocabulary's.</summary>
    private readonly int[] _tokenIds;

    internal ScreeningSubset(ScreeningIndex index, int entityCount, int[][] postings, Vocabulary vocabulary, int[] tokenIds,
        IReadOnlySet<string> wordsChanged)
    {
        WordsChanged = wordsChanged;
        Index = index;
        EntityCount = entityCount;
        Postings = postings;
        _vocabulary = vocabulary;
        _tokenIds = tokenIds;
    }

    /// <summary>
    /// Fills <paramref name="found"/> with the subset's tokens like <paramref name="query"/>, by the index's token ids:
    /// its vocabulary keys and compares its tokens with the index's flags, so it finds exactly the subset's tokens the
    /// index's would, with the same similarities, in a vocabulary a few hundred tokens small.
    /// </summary>
    internal void FindSimilar(in TokenKeys query, bool fewVowels, bool queryIsPair, bool twoEdits, Dictionary<int, float> found, Dictionary<int, float> own)
    {
        _vocabulary.FindSimilar(query, fewVowels, queryIsPair, twoEdits, own);
        found.Clear();
        foreach (var (id, similarity) in own)
            found[_tokenIds[id]] = similarity;
    }

    public ScreeningIndex Index { get; }

    /// <summary>Words that decide two-edit lookups listed in only one of the index and the one the subset is a delta from.</summary>
    private IReadOnlySet<string> WordsChanged { get; }

    /// <summary>
    /// Whether the earlier version looked some unit of <paramref name="name"/> up otherwise (two edits away or not):
    /// then untouched entities may score differently against it, and it must be screened whole.
    /// </summary>
    internal bool LooksUpOtherwise(QueryName name) =>
        WordsChanged.Count > 0 && name.Units.Any(u => Vocabulary.DecidedByAnyOf(u.Text, WordsChanged));

    /// <summary>Entities of the index in the subset.</summary>
    public int EntityCount { get; }

    /// <summary>The index's postings (token → names) restricted to the subset's names; empty for most tokens.</summary>
    internal int[][] Postings { get; }
}

public sealed partial class ScreeningIndex
{
    /// <summary>The entities of this index whose id is in <paramref name="entityIds"/> (ids it does not hold are ignored).</summary>
    /// <param name="wordsChanged">
    /// For a delta: words that decide two-edit lookups (see <see cref="BasisFingerprints"/>) listed in only one of the two
    /// versions; a query spelling one is not screened within the subset.
    /// </param>
    public ScreeningSubset Subset(IReadOnlySet<string> entityIds, IReadOnlySet<string>? wordsChanged = null)
    {
        var inSubset = new bool[_entities.Length];
        var count = 0;
        for (var e = 0; e < _entities.Length; e++)
        {
            if (entityIds.Contains(_entities[e].EntityId))
            {
                inSubset[e] = true;
                count++;
            }
        }
        // Walked in name order, so each token's postings keep the index's order (ascending names, each name once).
        var lists = new Dictionary<int, List<int>>();
        for (var n = 0; n < _names.Length; n++)
        {
            var name = _names[n];
            if (!inSubset[name.EntityIndex])
                continue;
            foreach (var id in name.TokenIds.Concat(name.FusedIds))
            {
                if (!lists.TryGetValue(id, out var postings))
                    lists[id] = postings = [];
                if (postings.Count == 0 || postings[^1] != n)
                    postings.Add(n);
            }
        }
        var subset = new int[_postings.Length][];
        for (var id = 0; id < subset.Length; id++)
            subset[id] = lists.TryGetValue(id, out var postings) ? postings.ToArray() : [];
        var ids = lists.Keys.Order().ToArray();
        var tokens = ids.Select(id => _tokenFlags[id]).ToList();
        var vocabulary = Vocabulary.Build(
            tokens.Select(t => t.Text).ToList(), tokens.Select(t => t.Fused).ToList(), tokens.Select(t => t.Pair).ToList(),
            tokens.Select(t => t.WritesVowels).ToList());
        return new ScreeningSubset(this, count, subset, vocabulary, ids, wordsChanged ?? new HashSet<string>());
    }

    /// <summary>
    /// Screens <paramref name="query"/> against the subset's entities alone: exactly the matches that
    /// <see cref="Screen"/> would report among them, before the cut to <see cref="ScreeningQuery.MaxMatches"/>
    /// (the best of them, at most that many), at the cost of looking the query up in the subset's small vocabulary.
    /// Every step of a screening is local to one entity — a name's score depends on the query, the name and its tokens'
    /// flags (in the fingerprint); an entity keeps its best name (the earlier on a tie) — except which query tokens
    /// generate candidates, which never changes which names match unless only initials or titles can generate. For such
    /// a query this returns null: its result may depend on other entities, so screen it whole.
    /// </summary>
    public ScreeningResult? ScreenWithin(ScreeningQuery query, ScreeningSubset subset)
    {
        if (!ReferenceEquals(subset.Index, this))
            throw new ArgumentException("The subset belongs to another index.", nameof(subset));
        return Screen(query, subset);
    }
}
