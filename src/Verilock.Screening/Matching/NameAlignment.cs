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

    /// <summary>
    /// A single word and an initial that agrees, when the listed name has more to it ("A. Khan" for Abdul Rahman KHAN):
    /// a little more than a word alone, still under the threshold on the name alone; only an exact birth date lifts it over.
    /// </summary>
    private const double SingleWordWithInitialFactor = 0.85;

    /// <summary>
    /// Two query initials that agree with two full words of the listed name, in the name's own order, beside an
    /// agreeing family name, when nothing of the listed name is left over ("T S Shihata" for Tharwat Salah SHIHATA):
    /// two letters in order are about as telling as one more word, so the agreement is not a single word's. An
    /// initial standing for a particle or prefix ("A" for "al", "abu") or a listed word left unaccounted for ("J. L.
    /// Runiga" for Jean-Marie Lugerero RUNIGA) does not lift: on the negatives cut to initials those were most of
    /// the false positives ("K. A. Hasan" → Karadh AL-HASSAN, "A. A. Perez" → Carlos Alfredo PEREZ AMPUEDA).
    /// One initial lifts too when it stands for a full word before the family name and nothing of the listed name is left
    /// unexplained ("A. SALEK", or "SLAEK A" with a typo and swapped, for ABDULHAI SALEK; "M. Šimić" for Milan SIMIC):
    /// that is how people write their own name, and a screener must show it. Not for names typed in a script that leaves
    /// vowels out: their one word agrees by consonants only ("अ. चवन", "chvn", against Abderrahmane KIFANE).
    /// </summary>
    private const int InitialsForAWord = 2;

    /// <summary>Matched name weight below which the agreement counts as a single word (one full word plus a particle is still one).</summary>
    private const double SingleWordWeight = 1.5;

    /// <summary>
    /// How much a query initial agrees with a word of the name starting with that letter: a partial
    /// match, credited at the initial's own (low) weight on both sides and never counted as a strong
    /// word, so an initial only helps when the other words already carry the match ("M Khan" stays
    /// a single-word agreement with every "M… Khan").
    /// </summary>
    public const double InitialSimilarity = 0.9;

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
            // An initial run together with its neighbour ("s"+"shihata") is a one-letter insertion away from that word
            // alone: it would take the word from the initial's own pairing ("T S SHIHATA" for Tharwat Salah SHIHATA) or
            // stand for a longer word ("K. Aslan" as "kaslan" ≈ KASHAN). A letter a typo splits off with a hyphen
            // ("J-NAN") is no initial (see NameToken.Hyphenated) and still runs together.
            if (queryFused && RunsAnInitialTogether(query, u - tokenCount))
                continue;
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

        var (score, allPaired) = Pair(query, name, edges, fusedFirst: false);
        // Greedy pairing can give an exact word to the wrong partner: "hamzi" takes the listed "hamzi" and leaves
        // "avl" (a typo'd "al") alone, where "avl"+"hamzi" ≈ "al"+"hamzi" covered both. When something is left
        // over, pairing run-together units first is tried too and the better kept.
        if (!allPaired && edges.Exists(static e => e.QueryFused || e.NameFused))
            score = Math.Max(score, Pair(query, name, edges, fusedFirst: true).Score);
        return score;
    }

    /// <summary>Whether the run-together query pair (i, i+1) has an initial in it.</summary>
    private static bool RunsAnInitialTogether(QueryName query, int first) =>
        // In a script that leaves vowels out a lone letter is a fragment of a word, not an initial ("و" → "w").
        !query.FewVowels && (query.IsInitial(first) || query.IsInitial(first + 1));

    /// <param name="fusedFirst">Take run-together units (either side) before single words, each group best first.</param>
    private static (double Score, bool AllPaired) Pair(QueryName query, IndexedName name, List<Edge> edges, bool fusedFirst)
    {
        var tokenCount = query.Tokens.Length;
        ulong usedQuery = 0, usedName = 0;
        double matchedQuery = 0, matchedName = 0;
        double strongMatchedWeight = 0;
        for (var round = fusedFirst ? 0 : 1; round < 2; round++)
            foreach (var edge in edges)
            {
                if (fusedFirst && (round == 0) != (edge.QueryFused || edge.NameFused))
                    continue;
                // Two full words against two full words are compared word by word: run together, "Emily Lee" ≈ "Emily Liu".
                if (fusedFirst && round == 0 && edge.QueryFused && edge.NameFused && AllFull(query, name, edge))
                    continue;
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

        var allPaired = usedQuery == (tokenCount >= 64 ? ulong.MaxValue : (1UL << tokenCount) - 1);

        // An initial left over pairs with a word of the name left over that starts with its letter: the first full
        // word or name-building prefix ("A Rauf Zakir" is Abdul Rauf), else any word ("O." for "Ould").
        var initials = query.InitialMask & ~usedQuery;
        var initialsAgreeing = 0;
        var lastInitialPartner = -1;
        var initialsInOrder = true;
        var initialsOnFullWords = true;
        for (var t = 0; initials != 0 && t < tokenCount; t++)
        {
            if ((initials & (1UL << t)) == 0)
                continue;
            var j = InitialPartner(query.Tokens[t].Text[0], name, usedName, NameNormalizer.CommonPrefixWeight);
            if (j < 0)
                j = InitialPartner(query.Tokens[t].Text[0], name, usedName, 0);
            if (j < 0)
                continue;
            usedQuery |= 1UL << t;
            usedName |= 1UL << j;
            matchedQuery += InitialSimilarity * query.Tokens[t].Weight;
            matchedName += InitialSimilarity * Math.Min(query.Tokens[t].Weight, name.Weights[j]);
            initialsInOrder &= j > lastInitialPartner && name.Weights[j] >= 1;
            initialsOnFullWords &= name.Weights[j] >= 1 && j < LastFullWord(name);
            lastInitialPartner = j;
            initialsAgreeing++;
        }

        // A title only one side has says nothing either way.
        var queryTotal = query.TotalWeight - WeightOf(query.TitleMask & ~usedQuery, query.Tokens);
        var nameTotal = name.TotalWeight - WeightOf(name.TitleMask & ~usedName, name.Weights);
        if (queryTotal <= 0 || nameTotal <= 0)
            return (0, allPaired);
        var queryCoverage = matchedQuery / queryTotal;
        var nameCoverage = matchedName / nameTotal;
        var score = queryCoverage * (1 - UnmatchedNamePenalty * (1 - Math.Min(1, nameCoverage)));
        var accountsForTheName = initialsAgreeing > 0 && strongMatchedWeight >= 1 && AllFullWordsUsed(name, usedName);
        var initialsMakeAWord = accountsForTheName && (initialsAgreeing >= InitialsForAWord
            ? initialsInOrder
            : initialsOnFullWords && !query.FewVowels);
        if (strongMatchedWeight < SingleWordWeight && name.StrongTokenCount >= 2 && !initialsMakeAWord)
            score *= initialsAgreeing > 0 ? SingleWordWithInitialFactor : SingleWordFactor;
        return (name.IsWeak ? score * WeakAliasFactor : score, allPaired);
    }

    /// <summary>The position of the name's last full word (its family name, as lists write them), or −1.</summary>
    private static int LastFullWord(IndexedName name)
    {
        for (var j = name.Weights.Length - 1; j >= 0; j--)
        {
            if (name.Weights[j] >= 1)
                return j;
        }
        return -1;
    }

    private static bool AllFullWordsUsed(IndexedName name, ulong usedName)
    {
        for (var j = 0; j < name.Weights.Length; j++)
        {
            if (name.Weights[j] >= 1 && (usedName & (1UL << j)) == 0)
                return false;
        }
        return true;
    }

    private static bool AllFull(QueryName query, IndexedName name, in Edge edge)
    {
        var q = edge.QueryUnit - query.Tokens.Length;
        return query.Tokens[q].Weight >= 1 && query.Tokens[q + 1].Weight >= 1
            && name.Weights[edge.NameToken] >= 1 && name.Weights[edge.NameToken + 1] >= 1;
    }

    /// <summary>The first unused word of the name starting with <paramref name="letter"/>; the name's own initials pair by the vocabulary (equal letters), not here.</summary>
    private static int InitialPartner(char letter, IndexedName name, ulong usedName, float minWeight)
    {
        for (var j = 0; j < name.Weights.Length; j++)
        {
            if ((usedName & (1UL << j)) == 0 && name.Weights[j] >= minWeight && name.FirstLetters[j] == letter
                && (name.InitialMask & (1UL << j)) == 0)
                return j;
        }
        return -1;
    }

    private static double WeightOf(ulong mask, NameToken[] tokens)
    {
        double weight = 0;
        for (var i = 0; mask != 0 && i < tokens.Length; i++, mask >>= 1)
        {
            if ((mask & 1) != 0)
                weight += tokens[i].Weight;
        }
        return weight;
    }

    private static double WeightOf(ulong mask, float[] weights)
    {
        double weight = 0;
        for (var i = 0; mask != 0 && i < weights.Length; i++, mask >>= 1)
        {
            if ((mask & 1) != 0)
                weight += weights[i];
        }
        return weight;
    }

    /// <summary>A possible pairing of a query unit with a token (or fused pair) of the name.</summary>
    internal readonly record struct Edge(float Similarity, int QueryUnit, bool QueryFused, int NameToken, bool NameFused);
}
