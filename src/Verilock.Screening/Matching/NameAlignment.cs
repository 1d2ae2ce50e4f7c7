namespace Verilock.Screening.Matching;

/// <summary>
/// Scores a query name against one indexed name, ignoring word order: tokens (or fused neighbouring
/// pairs) are paired greedily, best similarity first, each token used once. The score is how much
/// of the query's weight is matched, lowered by up to <see cref="UnmatchedNamePenalty"/> for the
/// indexed name's unmatched part — lists often carry middle, father's and tribal names a customer
/// leaves out, so that side counts less.
/// </summary>
internal static class NameAlignment
{
    private const double UnmatchedNamePenalty = 0.3;

    /// <summary>When a single word is all that agrees with a name of several words, it is weak evidence.</summary>
    private const double SingleWordFactor = 0.8;

    /// <summary>Matched name weight below which the agreement counts as a single word (one full word plus a particle is still one).</summary>
    private const double SingleWordWeight = 1.5;

    /// <summary>Weak aliases (nicknames, partial names) identify poorly on their own.</summary>
    public const double WeakAliasFactor = 0.9;

    /// <param name="similarities">
    /// Per query unit (tokens first, then fused pairs (i, i+1)), the similarity to each vocabulary id it matches.
    /// </param>
    public static double Score(QueryName query, IndexedName name, Dictionary<int, float>[] similarities, List<Edge> edges)
    {
        edges.Clear();
        var tokenCount = query.Tokens.Length;
        for (var u = 0; u < similarities.Length; u++)
        {
            var map = similarities[u];
            if (map.Count == 0)
                continue;
            var queryFused = u >= tokenCount;
            for (var j = 0; j < name.TokenIds.Length; j++)
            {
                if (map.TryGetValue(name.TokenIds[j], out var s) && s > 0)
                    edges.Add(new Edge(s, u, queryFused, j, false));
                if (j < name.FusedIds.Length && map.TryGetValue(name.FusedIds[j], out var f) && f > 0)
                    edges.Add(new Edge(f, u, queryFused, j, true));
            }
        }
        if (edges.Count == 0)
            return 0;
        edges.Sort(static (a, b) => b.Similarity != a.Similarity
            ? b.Similarity.CompareTo(a.Similarity)
            : (b.QueryFused ? 1 : 0) + (b.NameFused ? 1 : 0) - (a.QueryFused ? 1 : 0) - (a.NameFused ? 1 : 0));

        ulong usedQuery = 0, usedName = 0;
        double matchedQuery = 0, matchedName = 0;
        double strongMatchedWeight = 0;
        foreach (var edge in edges)
        {
            var queryStart = edge.QueryFused ? edge.QueryUnit - tokenCount : edge.QueryUnit;
            var queryMask = (edge.QueryFused ? 3UL : 1UL) << queryStart;
            var nameMask = (edge.NameFused ? 3UL : 1UL) << edge.NameToken;
            if ((usedQuery & queryMask) != 0 || (usedName & nameMask) != 0)
                continue;
            usedQuery |= queryMask;
            usedName |= nameMask;
            var queryWeight = query.Tokens[queryStart].Weight + (edge.QueryFused ? query.Tokens[queryStart + 1].Weight : 0);
            var nameWeight = name.Weights[edge.NameToken] + (edge.NameFused ? name.Weights[edge.NameToken + 1] : 0);
            matchedQuery += edge.Similarity * queryWeight;
            matchedName += edge.Similarity * nameWeight;
            if (nameWeight >= NameNormalizer.CommonPrefixWeight)
                strongMatchedWeight += nameWeight;
        }

        var queryCoverage = matchedQuery / query.TotalWeight;
        var nameCoverage = matchedName / name.TotalWeight;
        var score = queryCoverage * (1 - UnmatchedNamePenalty * (1 - Math.Min(1, nameCoverage)));
        if (strongMatchedWeight < SingleWordWeight && name.StrongTokenCount >= 2)
            score *= SingleWordFactor;
        return name.IsWeak ? score * WeakAliasFactor : score;
    }

    /// <summary>A possible pairing of a query unit with a token (or fused pair) of the name.</summary>
    internal readonly record struct Edge(float Similarity, int QueryUnit, bool QueryFused, int NameToken, bool NameFused);
}
