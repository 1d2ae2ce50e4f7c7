namespace Verilock.Screening.Matching;

/// <summary>
/// Per-screening working memory, pooled so a screening allocates almost nothing. Candidate
/// state is indexed by name; a stamp says whether a name's slots belong to the current screening,
/// so nothing has to be cleared between screenings.
/// </summary>
internal sealed class SearchScratch(int nameCount)
{
    public const int Slots = NameNormalizer.MaxTokens;

    /// <summary>Per name and query token, the best similarity any of the name's tokens reached.</summary>
    public readonly float[] BestBySlot = new float[nameCount * Slots];
    private readonly int[] _stamps = new int[nameCount];
    private int _stamp;

    public readonly List<int> Touched = [];
    public readonly List<NameAlignment.Edge> Edges = [];
    public readonly Dictionary<int, float>[] Similarities =
        Enumerable.Range(0, Slots * 2).Select(_ => new Dictionary<int, float>()).ToArray();
    public readonly Dictionary<int, (double Score, int Name)> BestByEntity = [];

    /// <summary>A subset's own vocabulary ids found for one unit, before they are put in <see cref="Similarities"/> by the index's ids.</summary>
    public readonly Dictionary<int, float> SubsetSimilar = [];

    public void Begin()
    {
        Touched.Clear();
        BestByEntity.Clear();
        foreach (var map in Similarities)
            map.Clear();
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_stamps);
            _stamp = 1;
        }
    }

    public bool IsTouched(int name) => _stamps[name] == _stamp;

    /// <summary>Records that <paramref name="name"/> is a candidate, resetting its slots the first time.</summary>
    public void Touch(int name)
    {
        if (_stamps[name] == _stamp)
            return;
        _stamps[name] = _stamp;
        Array.Clear(BestBySlot, name * Slots, Slots);
        Touched.Add(name);
    }
}
