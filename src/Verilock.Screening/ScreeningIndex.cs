using System.Collections.Concurrent;
using Verilock.Screening.Matching;
using Verilock.Screening.Model;

namespace Verilock.Screening;

/// <summary>
/// An immutable in-memory index of loaded lists. Build a new one when lists change and swap the
/// reference (e.g. <c>Volatile.Write</c>); screenings on the old one finish undisturbed.
/// <see cref="Screen"/> is thread-safe.
/// </summary>
/// <remarks>
/// A screening never scans every entity: each query token is looked up in the vocabulary by its
/// keys (see <see cref="Vocabulary"/>), the postings of similar tokens give candidate names with an
/// upper bound of their score, and only names whose bound reaches the threshold are aligned and scored.
/// </remarks>
public sealed partial class ScreeningIndex
{
    /// <summary>Query tokens lighter than this (particles, legal forms) are not used to find candidates.</summary>
    private const float MinLookupWeight = 0.5f;

    private readonly SanctionsEntity[] _entities;
    private readonly IndexedName[] _names;
    private readonly Vocabulary _vocabulary;
    private readonly int[][] _postings;
    private readonly TokenFlags[] _tokenFlags;
    private readonly ConcurrentBag<SearchScratch> _scratch = [];

    private ScreeningIndex(IReadOnlyList<ListMetadata> lists, SanctionsEntity[] entities, IndexedName[] names, Vocabulary vocabulary, int[][] postings,
        TokenFlags[] tokenFlags)
    {
        Lists = lists;
        _entities = entities;
        _names = names;
        _vocabulary = vocabulary;
        _postings = postings;
        _tokenFlags = tokenFlags;
    }

    /// <summary>The lists this index holds, for <c>GET /aml/lists</c>.</summary>
    public IReadOnlyList<ListMetadata> Lists { get; }

    public int EntityCount => _entities.Length;

    /// <summary>Names and aliases indexed (after dropping duplicates within an entity).</summary>
    public int NameCount => _names.Length;

    public bool HasList(string listId) => Lists.Any(l => l.Id == listId);

    public static ScreeningIndex Build(IEnumerable<SanctionsList> lists)
    {
        var listArray = lists.ToArray();
        var entities = listArray.SelectMany(l => l.Entities).ToArray();
        var builder = new IndexBuilder();
        builder.AddEntities(entities);
        var (names, vocabulary, postings, flags) = builder.Finish();
        return new ScreeningIndex(listArray.Select(l => l.Metadata).ToArray(), entities, names, vocabulary, postings, flags);
    }

    /// <summary>Screens one name. The query should have passed <see cref="QueryValidation.Validate"/>; an unusable name simply matches nothing.</summary>
    public ScreeningResult Screen(ScreeningQuery query) => Screen(query, subset: null)!;

    /// <summary>
    /// The screening, against the whole index or only a <paramref name="subset"/> of its entities (see
    /// <see cref="ScreenWithin"/>); with a subset, null when the query's result may depend on names outside it.
    /// </summary>
    private ScreeningResult? Screen(ScreeningQuery query, ScreeningSubset? subset)
    {
        var threshold = query.Threshold ?? ScreeningQuery.DefaultThreshold;
        var listIds = query.Lists ?? Lists.Select(l => l.Id).ToArray();
        var name = new QueryName(NameNormalizer.Normalize(query.Name));
        if (name.Tokens.Length == 0)
            return new ScreeningResult([], listIds, threshold);
        if (subset is not null && (!GeneratesExactly(name) || subset.LooksUpOtherwise(name)))
            return null;

        var scratch = _scratch.TryTake(out var pooled) ? pooled : new SearchScratch(_names.Length);
        try
        {
            scratch.Begin();
            FindCandidates(name, threshold, scratch, subset);
            ScoreCandidates(name, query, listIds, threshold, scratch);
            return new ScreeningResult(Corroborate(query, threshold, scratch), listIds, threshold);
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    /// <summary>
    /// Looks every query unit up in the vocabulary, then walks postings. Only the rarest tokens
    /// (fewest postings) that together weigh enough that a name matching none of them cannot reach
    /// the threshold add candidates; the other tokens only raise the bounds of names already found,
    /// so a common word ("Mohammed") never makes thousands of candidates.
    /// </summary>
    /// <param name="subset">
    /// When given, only its names are candidates: units are looked up in its own small vocabulary (its tokens, keyed
    /// and compared as the index's are, so with the same similarities) and every looked-up token generates. Which
    /// tokens generate changes which hopeless names are looked at, never which names match (see
    /// <see cref="GeneratesExactly"/>), so the subset's names fare exactly as in a screening of the whole index.
    /// </param>
    private void FindCandidates(QueryName name, double threshold, SearchScratch scratch, ScreeningSubset? subset)
    {
        var tokens = name.Tokens;
        var units = name.Units;
        var anyInformative = tokens.Any(t => t.Weight >= MinLookupWeight);
        var raiseFrom = subset?.Postings ?? _postings;
        var postingCount = new long[units.Length];
        for (var u = 0; u < units.Length; u++)
        {
            var similar = scratch.Similarities[u];
            var strictPair = u >= tokens.Length && tokens[u - tokens.Length].Weight >= 1;
            var twoEdits = _vocabulary.LooksTwoEditsAway(units[u].Text);
            if (subset is not null)
            {
                subset.FindSimilar(units[u], name.FewVowels, strictPair, twoEdits, similar, scratch.SubsetSimilar);
                continue;
            }
            _vocabulary.FindSimilar(units[u], name.FewVowels, strictPair, twoEdits, similar);
            foreach (var (tokenId, similarity) in similar)
            {
                if (similarity > 0)
                    postingCount[u] += _postings[tokenId].Length;
            }
        }

        // Rarest looked-up tokens first until the rest could not carry a name over the threshold.
        // An initial can pair with any word starting with its letter (see NameAlignment), which no postings list, so it never generates candidates.
        // A leading word that may be a title counts as matched when unmatched, so it must not generate either.
        var lookedUp = Enumerable.Range(0, tokens.Length).Where(t => IsLookedUp(tokens, t, t, anyInformative) && !name.IsInitial(t) && !name.IsTitle(t)).ToList();
        if (lookedUp.Count == 0)
            lookedUp = Enumerable.Range(0, tokens.Length).Where(t => IsLookedUp(tokens, t, t, anyInformative)).ToList();
        lookedUp.Sort((a, b) => postingCount[a].CompareTo(postingCount[b]));
        var neededWeight = subset is null ? name.TotalWeight * (1 - threshold + Corroboration.MaxGain) : double.PositiveInfinity;
        ulong generating = 0;
        double generatingWeight = 0;
        foreach (var slot in lookedUp)
        {
            if (generatingWeight > neededWeight)
                break;
            generating |= 1UL << slot;
            generatingWeight += tokens[slot].Weight;
        }

        for (var pass = 0; pass < 2; pass++)
        {
            for (var u = 0; u < units.Length; u++)
            {
                var first = u < tokens.Length ? u : u - tokens.Length;
                var last = u < tokens.Length ? u : first + 1;
                if (!IsLookedUp(tokens, first, last, anyInformative))
                    continue;
                var generates = (generating & (1UL << first | 1UL << last)) != 0;
                if (generates != (pass == 0))
                    continue;
                foreach (var (tokenId, similarity) in scratch.Similarities[u])
                {
                    if (similarity > 0)
                        Raise(scratch, raiseFrom[tokenId], first, last, similarity, addCandidates: generates);
                }
            }
        }
    }

    /// <summary>
    /// Whether the names a screening finds do not depend on which of the query's tokens generate candidates. They do
    /// not when some token other than an initial or a title is looked up: the tokens that generate are then such
    /// tokens, and once they weigh more than the query's weight times (1 − threshold + the most corroboration adds), a
    /// name that matches none of them cannot reach the threshold (its unmatched weight alone keeps its score under),
    /// so every name that can match is a candidate whichever generate; if all of them weigh less, all generate, for the
    /// whole index as for a subset. When only initials or titles are looked up, they generate, and an initial also
    /// pairs with any word of its letter, which no postings list: then the names found depend on the postings of
    /// the whole index.
    /// </summary>
    private static bool GeneratesExactly(QueryName name)
    {
        var tokens = name.Tokens;
        var anyInformative = tokens.Any(t => t.Weight >= MinLookupWeight);
        for (var t = 0; t < tokens.Length; t++)
        {
            if (IsLookedUp(tokens, t, t, anyInformative) && !name.IsInitial(t) && !name.IsTitle(t))
                return true;
        }
        return false;
    }

    private static bool IsLookedUp(NameToken[] tokens, int first, int last, bool anyInformative) =>
        !anyInformative || tokens[first].Weight >= MinLookupWeight || tokens[last].Weight >= MinLookupWeight;

    private static void Raise(SearchScratch scratch, int[] postings, int first, int last, float similarity, bool addCandidates)
    {
        foreach (var candidate in postings)
        {
            if (addCandidates)
                scratch.Touch(candidate);
            else if (!scratch.IsTouched(candidate))
                continue;
            var slots = candidate * SearchScratch.Slots;
            for (var slot = first; slot <= last; slot++)
            {
                ref var best = ref scratch.BestBySlot[slots + slot];
                if (similarity > best)
                    best = similarity;
            }
        }
    }

    private void ScoreCandidates(QueryName name, ScreeningQuery query, IReadOnlyList<string> listIds, double threshold, SearchScratch scratch)
    {
        var tokens = name.Tokens;
        var anyInformative = tokens.Any(t => t.Weight >= MinLookupWeight);
        var personsOnly = query.PersonsOnly;
        foreach (var candidate in scratch.Touched)
        {
            // Upper bound: every token takes its best similarity; tokens not used for lookup and titles (which leave
            // the score unchanged when unmatched) count as matched.
            double bound = 0;
            var slots = candidate * SearchScratch.Slots;
            for (var t = 0; t < tokens.Length; t++)
            {
                var tokenBest = anyInformative && tokens[t].Weight < MinLookupWeight || name.IsTitle(t) ? 1 : scratch.BestBySlot[slots + t];
                if (name.IsInitial(t))
                    tokenBest = Math.Max(tokenBest, (float)NameAlignment.InitialSimilarity);
                bound += tokens[t].Weight * tokenBest;
            }
            if (bound / name.TotalWeight + Corroboration.MaxGain < threshold)
                continue;

            var indexed = _names[candidate];
            var entity = _entities[indexed.EntityIndex];
            if (personsOnly && entity.Schema != EntitySchema.Person || !Contains(listIds, entity.ListId))
                continue;
            var score = NameAlignment.Score(name, indexed, scratch.Similarities, scratch.Edges);
            if (score + Corroboration.MaxGain < threshold)
                continue;
            // Equal scores go to the entity's earlier name, not to whichever was touched first, so the matched name
            // depends on the entity alone (see ScreenWithin).
            if (!scratch.BestByEntity.TryGetValue(indexed.EntityIndex, out var best) || score > best.Score || score == best.Score && candidate < best.Name)
                scratch.BestByEntity[indexed.EntityIndex] = (score, candidate);
        }
    }

    private List<ScreeningMatch> Corroborate(ScreeningQuery query, double threshold, SearchScratch scratch)
    {
        _ = BirthDate.TryParseIso(query.DateOfBirth, out var birthDate);
        var nationality = string.IsNullOrWhiteSpace(query.Nationality) ? null : query.Nationality.Trim().ToUpperInvariant();
        var matches = new List<ScreeningMatch>();
        foreach (var (entityIndex, (nameScore, nameIndex)) in scratch.BestByEntity)
        {
            var entity = _entities[entityIndex];
            var (dobAgreement, dobMatched) = Corroboration.CompareBirthDate(birthDate, entity.BirthDates);
            bool? nationalityAgrees = nationality is null || entity.Nationalities.Count == 0 ? null : entity.Nationalities.Contains(nationality);
            var score = Math.Round(Corroboration.Adjust(nameScore, dobAgreement, nationalityAgrees), 2, MidpointRounding.AwayFromZero);
            if (score < threshold - 1e-9)
                continue;

            var dobAgrees = dobAgreement >= Corroboration.BirthDateAgreement.Consistent;
            var reasons = new List<string>(3) { "name" };
            if (dobAgrees)
                reasons.Add("dob");
            if (nationalityAgrees == true)
                reasons.Add("nationality");
            matches.Add(new ScreeningMatch(
                entity.EntityId,
                entity.ListId,
                entity.PrimaryName,
                _names[nameIndex].Display,
                score,
                entity.Schema.ToWireName(),
                entity.Programs,
                (dobAgrees ? dobMatched : entity.BirthDates.Count > 0 ? entity.BirthDates[0] : null)?.ToString(),
                nationalityAgrees == true ? nationality : entity.Nationalities.Count > 0 ? entity.Nationalities[0] : null,
                reasons,
                entity.Aliases.Select(a => a.Value).Where(a => a != entity.PrimaryName).Distinct().Take(ScreeningMatch.MaxAka).ToList()));
        }
        return matches
            .OrderByDescending(m => m.Score)
            .ThenBy(m => m.EntityId, StringComparer.Ordinal)
            .Take(ScreeningQuery.MaxMatches)
            .ToList();
    }

    private static bool Contains(IReadOnlyList<string> listIds, string listId)
    {
        for (var i = 0; i < listIds.Count; i++)
        {
            if (listIds[i] == listId)
                return true;
        }
        return false;
    }
}
