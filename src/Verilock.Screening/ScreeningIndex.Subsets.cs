namespace Verilock.Screening;

/// <summary>Some entities of one <see cref="ScreeningIndex"/>, to screen against alone (see <see cref="ScreeningIndex.ScreenWithin"/>).</summary>
public sealed class ScreeningSubset
{
    internal ScreeningSubset(ScreeningIndex index, int entityCount, int[][] postings)
    {
        Index = index;
        EntityCount = entityCount;
        Postings = postings;
    }

    public ScreeningIndex Index { get; }

    /// <summary>Entities of the index in the subset.</summary>
    public int EntityCount { get; }

    /// <summary>The index's postings (token → names) restricted to the subset's names; empty for most tokens.</summary>
    internal int[][] Postings { get; }
}

public sealed partial class ScreeningIndex
{
    /// <summary>The entities of this index whose id is in <paramref name="entityIds"/> (ids it does not hold are ignored).</summary>
    public ScreeningSubset Subset(IReadOnlySet<string> entityIds)
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
        return new ScreeningSubset(this, count, subset);
    }

    /// <summary>
    /// Screens <paramref name="query"/> against the subset's entities alone: exactly the matches that
    /// <see cref="Screen"/> would report among them, before the cut to <see cref="ScreeningQuery.MaxMatches"/>
    /// (the best of them, at most that many). Every step of a screening is local to one entity — a name's score
    /// depends on the query, the name and its tokens' flags (in the fingerprint); an entity keeps its best name (the
    /// earlier on a tie) — except which query tokens generate candidates, which is chosen on the whole index's postings
    /// here too, and which drops no name that could reach the threshold unless only initials or titles generate. For
    /// such a query this returns null: its result may depend on other entities, so screen it whole.
    /// </summary>
    public ScreeningResult? ScreenWithin(ScreeningQuery query, ScreeningSubset subset)
    {
        if (!ReferenceEquals(subset.Index, this))
            throw new ArgumentException("The subset belongs to another index.", nameof(subset));
        return Screen(query, subset.Postings, requireLocal: true);
    }
}
