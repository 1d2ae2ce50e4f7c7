namespace Verilock.Screening.Matching;

/// <summary>
/// Every distinct token (and fused token pair) of the indexed names, with lookup keys that find
/// the ones similar to a query token without comparing against all of them: the folded spelling
/// and its one-letter deletions (a typo, a missing or doubled letter share one of these keys), the
/// vowel pattern, and for queries in scripts without vowels the consonant skeleton and its
/// one-letter deletions.
/// </summary>
internal sealed class Vocabulary
{
    /// <summary>Shorter tokens get no deletion keys: one deleted letter of "ali" matches too much.</summary>
    private const int MinLengthForDeletionKeys = 4;

    private readonly TokenKeys[] _tokens;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _byDeletionKey;
    private readonly Dictionary<string, int[]> _byVowelPattern;
    private readonly Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> _bySkeletonDeletionKey;

    private Vocabulary(TokenKeys[] tokens, Dictionary<string, int[]> byDeletionKey,
        Dictionary<string, int[]> byVowelPattern, Dictionary<string, int[]> bySkeletonDeletionKey)
    {
        _tokens = tokens;
        _byDeletionKey = byDeletionKey.GetAlternateLookup<ReadOnlySpan<char>>();
        _byVowelPattern = byVowelPattern;
        _bySkeletonDeletionKey = bySkeletonDeletionKey.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int Count => _tokens.Length;

    public static Vocabulary Build(IReadOnlyList<string> distinctTokens)
    {
        var tokens = distinctTokens.Select(TokenKeys.Of).ToArray();
        var deletion = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var vowelPattern = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var skeleton = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var id = 0; id < tokens.Length; id++)
        {
            AddWithDeletions(deletion, tokens[id].Text, MinLengthForDeletionKeys, id);
            if (tokens[id].Spelling != tokens[id].Text)
                AddWithDeletions(deletion, tokens[id].Spelling, MinLengthForDeletionKeys, id);
            if (tokens[id].VowelPattern.Length >= TokenSimilarity.MinSoundPatternLength)
                Add(vowelPattern, tokens[id].VowelPattern, id);
            if (tokens[id].Skeleton.Length >= TokenSimilarity.MinSkeletonLength)
                AddWithDeletions(skeleton, tokens[id].Skeleton, MinLengthForDeletionKeys, id);
        }
        return new Vocabulary(tokens, Freeze(deletion), Freeze(vowelPattern), Freeze(skeleton));
    }

    private static void AddWithDeletions(Dictionary<string, List<int>> index, string key, int minLength, int id)
    {
        Add(index, key, id);
        if (key.Length < minLength)
            return;
        for (var i = 0; i < key.Length; i++)
        {
            if (i > 0 && key[i] == key[i - 1])
                continue;
            Add(index, string.Concat(key.AsSpan(0, i), key.AsSpan(i + 1)), id);
        }
    }

    public TokenKeys this[int id] => _tokens[id];

    /// <summary>
    /// Fills <paramref name="found"/> with the ids of tokens sharing a key with <paramref name="query"/> and
    /// their similarity; 0 marks a token that was looked at and does not match.
    /// </summary>
    public void FindSimilar(in TokenKeys query, bool fewVowels, Dictionary<int, float> found)
    {
        found.Clear();
        LookUpWithDeletions(_byDeletionKey, query.Text, MinLengthForDeletionKeys, query, fewVowels, found);
        if (query.Spelling != query.Text)
            LookUpWithDeletions(_byDeletionKey, query.Spelling, MinLengthForDeletionKeys, query, fewVowels, found);
        if (query.VowelPattern.Length >= TokenSimilarity.MinSoundPatternLength)
            Collect(query, fewVowels, _byVowelPattern.GetValueOrDefault(query.VowelPattern), found);
        if (fewVowels && query.Skeleton.Length >= TokenSimilarity.MinSkeletonLength)
            LookUpWithDeletions(_bySkeletonDeletionKey, query.Skeleton, MinLengthForDeletionKeys, query, fewVowels, found);
    }

    private void LookUpWithDeletions(Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> index, string key, int minLength,
        in TokenKeys query, bool fewVowels, Dictionary<int, float> found)
    {
        if (key.Length == 0)
            return;
        if (index.TryGetValue(key, out var exact))
            Collect(query, fewVowels, exact, found);
        if (key.Length < minLength)
            return;
        Span<char> buffer = stackalloc char[key.Length - 1];
        for (var i = 0; i < key.Length; i++)
        {
            if (i > 0 && key[i] == key[i - 1])
                continue;
            key.AsSpan(0, i).CopyTo(buffer);
            key.AsSpan(i + 1).CopyTo(buffer[i..]);
            if (index.TryGetValue(buffer, out var ids))
                Collect(query, fewVowels, ids, found);
        }
    }

    private void Collect(in TokenKeys query, bool fewVowels, int[]? ids, Dictionary<int, float> found)
    {
        if (ids is null)
            return;
        foreach (var id in ids)
        {
            if (!found.ContainsKey(id))
                found[id] = (float)TokenSimilarity.Of(query, _tokens[id], fewVowels);
        }
    }

    private static void Add(Dictionary<string, List<int>> index, string key, int id)
    {
        if (key.Length == 0)
            return;
        if (!index.TryGetValue(key, out var ids))
            index[key] = ids = [];
        if (ids.Count == 0 || ids[^1] != id)
            ids.Add(id);
    }

    private static Dictionary<string, int[]> Freeze(Dictionary<string, List<int>> index) =>
        index.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
