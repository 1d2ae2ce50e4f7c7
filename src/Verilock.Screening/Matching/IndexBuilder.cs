using Verilock.Screening.Model;

namespace Verilock.Screening.Matching;

/// <summary>Collects the entities' names into the vocabulary, the indexed names and the postings (token → names).</summary>
internal sealed class IndexBuilder
{
    private readonly Dictionary<string, int> _tokenIds = new(StringComparer.Ordinal);
    private readonly List<string> _tokens = [];
    private readonly List<bool> _isFused = [];
    private readonly List<bool> _isPair = [];
    private readonly List<bool> _writesVowels = [];
    private readonly List<List<int>> _postings = [];
    private readonly List<IndexedName> _names = [];

    public void AddEntities(IReadOnlyList<SanctionsEntity> entities)
    {
        // Normalising (transliteration included) is the costly part and independent per entity.
        var normalized = new (EntityName Name, NormalizedName Normalized)[entities.Count][];
        Parallel.For(0, entities.Count, e =>
            normalized[e] = entities[e].AllNames.Select(n => (n, NameNormalizer.Normalize(n.Value))).ToArray());

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var e = 0; e < entities.Count; e++)
        {
            seen.Clear();
            foreach (var (name, normal) in normalized[e])
            {
                if (normal.Tokens.Length > 0 && seen.Add(normal.ToString()))
                    AddName(e, name, normal);
            }
        }
    }

    private void AddName(int entityIndex, EntityName name, NormalizedName normalized)
    {
        var tokens = normalized.Tokens;
        var nameIndex = _names.Count;
        var tokenIds = new int[tokens.Length];
        var fusedIds = new int[Math.Max(0, tokens.Length - 1)];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokenIds[i] = Intern(tokens[i].Text, nameIndex, fused: false, pair: false, !tokens[i].FewVowels);
            // Pairs led by a particle or prefix ("al"+"zawahiri", "abdul"+"hai") are often written as one
            // word, typos and all, so they are keyed and compared like words; other pairs are found by
            // exact spelling and compared strictly.
            if (i > 0)
                fusedIds[i - 1] = Intern(tokens[i - 1].Text + tokens[i].Text, nameIndex, fused: tokens[i - 1].Weight >= 1, pair: tokens[i - 1].Weight >= 1,
                    writesVowels: !tokens[i - 1].FewVowels && !tokens[i].FewVowels);
        }
        _names.Add(new IndexedName
        {
            EntityIndex = entityIndex,
            Display = name.Value,
            IsWeak = name.Quality == AliasQuality.Weak,
            TokenIds = tokenIds,
            FusedIds = fusedIds,
            Weights = tokens.Select(t => t.Weight).ToArray(),
            TotalWeight = normalized.TotalWeight,
            StrongTokenCount = tokens.Count(t => t.Weight >= 1),
            TitleMask = TokenRoles.Titles(tokens.Select(t => t.Text).ToArray()),
            InitialMask = TokenRoles.Initials(tokens),
            FirstLetters = string.Concat(tokens.Select(t => t.Text[0])),
        });
    }

    /// <param name="fused">Keyed by exact spelling only (see <see cref="Vocabulary.Build"/>).</param>
    /// <param name="writesVowels">Romanised from a script that writes its vowels, so a vowel it lacks is really absent.</param>
    private int Intern(string token, int nameIndex, bool fused, bool pair, bool writesVowels)
    {
        if (!_tokenIds.TryGetValue(token, out var id))
        {
            id = _tokens.Count;
            _tokenIds[token] = id;
            _tokens.Add(token);
            _isFused.Add(fused);
            _isPair.Add(pair);
            _writesVowels.Add(writesVowels);
            _postings.Add([]);
        }
        else
        {
            _writesVowels[id] &= writesVowels;
            if (!pair)
            {
                // Also a word of its own somewhere: key and compare it like one.
                _isFused[id] = false;
                _isPair[id] = false;
            }
        }
        var postings = _postings[id];
        if (postings.Count == 0 || postings[^1] != nameIndex)
            postings.Add(nameIndex);
        return id;
    }

    /// <returns>Also each token's final flags, which every name holding it shares (see <see cref="TokenFlags"/>).</returns>
    public (IndexedName[] Names, Vocabulary Vocabulary, int[][] Postings, TokenFlags[] Flags) Finish() =>
        (_names.ToArray(), Vocabulary.Build(_tokens, _isFused, _isPair, _writesVowels), _postings.Select(p => p.ToArray()).ToArray(),
            _tokens.Select((t, id) => new TokenFlags(t, _isFused[id], _isPair[id], _writesVowels[id])).ToArray());
}
