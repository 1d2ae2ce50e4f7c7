using Verilock.Screening.Model;

namespace Verilock.Screening.Matching;

/// <summary>Collects the entities' names into the vocabulary, the indexed names and the postings (token → names).</summary>
internal sealed class IndexBuilder
{
    private readonly Dictionary<string, int> _tokenIds = new(StringComparer.Ordinal);
    private readonly List<string> _tokens = [];
    private readonly List<List<int>> _postings = [];
    private readonly List<IndexedName> _names = [];

    public void AddEntity(int entityIndex, SanctionsEntity entity)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in entity.AllNames)
        {
            var normalized = NameNormalizer.Normalize(name.Value);
            if (normalized.Tokens.Length == 0 || !seen.Add(normalized.ToString()))
                continue;
            AddName(entityIndex, name, normalized);
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
            tokenIds[i] = Intern(tokens[i].Text, nameIndex);
            if (i > 0)
                fusedIds[i - 1] = Intern(tokens[i - 1].Text + tokens[i].Text, nameIndex);
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
        });
    }

    private int Intern(string token, int nameIndex)
    {
        if (!_tokenIds.TryGetValue(token, out var id))
        {
            id = _tokens.Count;
            _tokenIds[token] = id;
            _tokens.Add(token);
            _postings.Add([]);
        }
        var postings = _postings[id];
        if (postings.Count == 0 || postings[^1] != nameIndex)
            postings.Add(nameIndex);
        return id;
    }

    public (IndexedName[] Names, Vocabulary Vocabulary, int[][] Postings) Finish() =>
        (_names.ToArray(), Vocabulary.Build(_tokens), _postings.Select(p => p.ToArray()).ToArray());
}
