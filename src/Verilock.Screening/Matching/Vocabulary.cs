using System.Runtime.InteropServices;

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

    /// <summary>Two deletions of a shorter word leave keys of three letters or fewer, shared by too many unrelated tokens.</summary>
    private const int MinLengthForDoubleDeletions = 7;

    private readonly TokenKeys[] _tokens;
    private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _byText;
    private readonly KeyFilter _deletionKeys;
    private readonly bool[] _isPair;
    private readonly Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> _byDeletionKey;
    private readonly Dictionary<string, List<int>> _byVowelPattern;
    private readonly Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> _bySkeletonDeletionKey;

    private Vocabulary(TokenKeys[] tokens, bool[] isPair, Dictionary<string, List<int>> byDeletionKey,
        Dictionary<string, List<int>> byVowelPattern, Dictionary<string, List<int>> bySkeletonDeletionKey)
    {
        _tokens = tokens;
        _byText = tokens.Select(t => t.Text).ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
        _isPair = isPair;
        _byDeletionKey = byDeletionKey.GetAlternateLookup<ReadOnlySpan<char>>();
        _deletionKeys = new KeyFilter(byDeletionKey.Keys);
        _byVowelPattern = byVowelPattern;
        _bySkeletonDeletionKey = bySkeletonDeletionKey.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <param name="tokens">Distinct tokens; ids are positions.</param>
    /// <param name="isFused">
    /// Per token, whether it is found by exact spelling only: pairs of neighbouring words run
    /// together, unless led by a particle or prefix (see <see cref="IndexBuilder"/>).
    /// </param>
    /// <param name="isPair">Per token, whether it only occurs as two full words run together (compared strictly).</param>
    /// <param name="writesVowels">Per token, whether it is always romanised from a script that writes its vowels.</param>
    public static Vocabulary Build(IReadOnlyList<string> tokens, IReadOnlyList<bool> isFused, IReadOnlyList<bool> isPair, IReadOnlyList<bool> writesVowels)
    {
        var keys = new TokenKeys[tokens.Count];
        Parallel.For(0, keys.Length, id => keys[id] = TokenKeys.Of(tokens[id], writesVowels[id]));

        Dictionary<string, List<int>> deletion = null!, vowelPattern = null!, skeleton = null!;
        Parallel.Invoke(
            () => deletion = BuildIndex(keys, (k, id, index) =>
            {
                if (isFused[id])
                {
                    // Two words run together: the exact spelling, and one-letter deletions of the folded one, so a
                    // typo in a name written as one word ("ABDIKADIRMUHAMAD") still finds it (compared strictly).
                    AddWithDeletions(index, k.Text, MinLengthForDeletionKeys, id);
                    if (k.Spelling != k.Text)
                        AddWithDeletions(index, k.Spelling, MinLengthForDeletionKeys, id);
                    return;
                }
                AddWithDeletions(index, k.Text, MinLengthForDeletionKeys, id);
                if (k.Spelling != k.Text)
                    AddWithDeletions(index, k.Spelling, MinLengthForDeletionKeys, id);
                if (k.VowelFolded != k.Spelling)
                    AddWithDeletions(index, k.VowelFolded, MinLengthForDeletionKeys, id);
            }),
            () => vowelPattern = BuildIndex(keys, (k, id, index) =>
            {
                if (!isFused[id] && k.VowelPattern.Length >= TokenSimilarity.MinSoundPatternLength)
                    Add(index, k.VowelPattern, id);
            }),
            () => skeleton = BuildIndex(keys, (k, id, index) =>
            {
                if (k.Skeleton.Length >= TokenSimilarity.MinSkeletonLength)
                    AddWithDeletions(index, k.Skeleton, isFused[id] ? int.MaxValue : MinLengthForDeletionKeys, id);
            }));
        return new Vocabulary(keys, isPair.ToArray(), deletion, vowelPattern, skeleton);
    }

    private static Dictionary<string, List<int>> BuildIndex(TokenKeys[] keys, Action<TokenKeys, int, Dictionary<string, List<int>>> add)
    {
        var index = new Dictionary<string, List<int>>(keys.Length * 4, StringComparer.Ordinal);
        for (var id = 0; id < keys.Length; id++)
            add(keys[id], id, index);
        return index;
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

    /// <summary>
    /// Fills <paramref name="found"/> with the ids of tokens sharing a key with <paramref name="query"/> and
    /// their similarity; 0 marks a token that was looked at and does not match.
    /// </summary>
    /// <param name="twoEdits">Also look for tokens two edits away (see <see cref="LooksTwoEditsAway"/>).</param>
    public void FindSimilar(in TokenKeys query, bool fewVowels, bool queryIsPair, bool twoEdits, Dictionary<int, float> found)
    {
        found.Clear();
        LookUpWithDeletions(_byDeletionKey, query.Text, MinLengthForDeletionKeys, query, fewVowels, queryIsPair, found);
        if (query.Spelling != query.Text)
            LookUpWithDeletions(_byDeletionKey, query.Spelling, MinLengthForDeletionKeys, query, fewVowels, queryIsPair, found);
        if (query.VowelFolded != query.Spelling)
            LookUpWithDeletions(_byDeletionKey, query.VowelFolded, MinLengthForDeletionKeys, query, fewVowels, queryIsPair, found);
        if (twoEdits && query.Text.Length >= MinLengthForDoubleDeletions)
            LookUpDoubleDeletions(query.Text, query, fewVowels, queryIsPair, found);
        if (twoEdits && query.Spelling != query.Text && query.Spelling.Length >= MinLengthForDoubleDeletions)
            LookUpDoubleDeletions(query.Spelling, query, fewVowels, queryIsPair, found);
        if (query.VowelPattern.Length >= TokenSimilarity.MinSoundPatternLength)
            Collect(query, fewVowels, queryIsPair, _byVowelPattern.GetValueOrDefault(query.VowelPattern), found);
        if (fewVowels && query.Skeleton.Length >= TokenSimilarity.MinSkeletonLength)
            LookUpWithDeletions(_bySkeletonDeletionKey, query.Skeleton, MinLengthForDeletionKeys, query, fewVowels, queryIsPair, found);
    }

    /// <summary>
    /// Whether a query unit is looked up two edits away: only when no listed name spells it so. A word the lists
    /// spell exactly ("Ali", "Mohammed") most likely means those names, and its neighbours two edits away are many
    /// (it is most of the cost); a word no list spells is the one a typo or another transliteration may have moved.
    /// Asked of the whole index's vocabulary also when screening a subset, so both look up the same.
    /// </summary>
    public bool LooksTwoEditsAway(string text) => text.Length >= MinLengthForDoubleDeletions && !_byText.Contains(text);

    /// <summary>The tokens whose presence <see cref="LooksTwoEditsAway"/> asks about: those long enough for it.</summary>
    public IEnumerable<string> TwoEditDecidingWords() =>
        _tokens.Select(t => t.Text).Where(t => t.Length >= MinLengthForDoubleDeletions);

    /// <summary>Whether a query unit's two-edit lookup is decided by one of <paramref name="words"/>.</summary>
    public static bool DecidedByAnyOf(string text, IReadOnlySet<string> words) =>
        text.Length >= MinLengthForDoubleDeletions && words.Contains(text);

    private void LookUpWithDeletions(Dictionary<string, List<int>>.AlternateLookup<ReadOnlySpan<char>> index, string key, int minLength,
        in TokenKeys query, bool fewVowels, bool queryIsPair, Dictionary<int, float> found)
    {
        if (key.Length == 0)
            return;
        if (index.TryGetValue(key, out var exact))
            Collect(query, fewVowels, queryIsPair, exact, found);
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
                Collect(query, fewVowels, queryIsPair, ids, found);
        }
    }

    /// <summary>
    /// Two letters deleted from the query, looked up among the tokens' spellings and their one-letter deletions: finds
    /// tokens two edits away when the query is the longer or as long (a transliteration and a typo, "sytlvastre" for
    /// Sylvestre, "dxoseph" for Joseph), which one-letter keys miss. Only on the query side: keys for two deletions
    /// of every token would multiply the index.
    /// </summary>
    private void LookUpDoubleDeletions(string key, in TokenKeys query, bool fewVowels, bool queryIsPair, Dictionary<int, float> found)
    {
        Span<ulong> prefix = stackalloc ulong[key.Length + 1];
        Span<ulong> powers = stackalloc ulong[key.Length + 1];
        KeyFilter.Prepare(key, prefix, powers);
        Span<char> buffer = stackalloc char[key.Length - 2];
        for (var i = 0; i < key.Length; i++)
        {
            if (i > 0 && key[i] == key[i - 1])
                continue;
            for (var j = i + 1; j < key.Length; j++)
            {
                if (j > i + 1 && key[j] == key[j - 1] || !_deletionKeys.MightContain(KeyFilter.HashWithout(prefix, powers, i, j)))
                    continue;
                key.AsSpan(0, i).CopyTo(buffer);
                key.AsSpan(i + 1, j - i - 1).CopyTo(buffer[i..]);
                key.AsSpan(j + 1).CopyTo(buffer[(j - 1)..]);
                if (_byDeletionKey.TryGetValue(buffer, out var ids))
                    Collect(query, fewVowels, queryIsPair, ids, found);
            }
        }
    }

    private void Collect(in TokenKeys query, bool fewVowels, bool queryIsPair, List<int>? ids, Dictionary<int, float> found)
    {
        if (ids is null)
            return;
        foreach (var id in CollectionsMarshal.AsSpan(ids))
        {
            if (!found.ContainsKey(id))
                found[id] = (float)TokenSimilarity.Of(query, _tokens[id], fewVowels, queryIsPair || _isPair[id]);
        }
    }

    private static void Add(Dictionary<string, List<int>> index, string key, int id)
    {
        if (key.Length == 0)
            return;
        ref var ids = ref CollectionsMarshal.GetValueRefOrAddDefault(index, key, out _);
        ids ??= [];
        if (ids.Count == 0 || ids[^1] != id)
            ids.Add(id);
    }
}
