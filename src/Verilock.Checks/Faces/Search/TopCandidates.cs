namespace Verilock.Checks.Faces.Search;

/// <summary>
/// The best <c>capacity</c> (score, slot) pairs seen so far: a min-heap on the score, so a candidate is compared with
/// the worst kept one and most of a scan never touches the heap. One per scanning thread; merged at the end.
/// </summary>
internal sealed class TopCandidates
{
    private readonly float[] _scores;
    private readonly int[] _slots;

    public TopCandidates(int capacity)
    {
        _scores = new float[capacity];
        _slots = new int[capacity];
    }

    public int Count { get; private set; }

    /// <summary>The score a candidate must beat to be kept.</summary>
    public float Threshold => Count < _scores.Length ? float.NegativeInfinity : _scores[0];

    public void Add(float score, int slot)
    {
        if (Count < _scores.Length)
        {
            var at = Count++;
            while (at > 0)
            {
                var parent = (at - 1) / 2;
                if (_scores[parent] <= score)
                    break;
                _scores[at] = _scores[parent];
                _slots[at] = _slots[parent];
                at = parent;
            }
            _scores[at] = score;
            _slots[at] = slot;
            return;
        }
        if (score <= _scores[0])
            return;
        var i = 0;
        while (true)
        {
            var child = 2 * i + 1;
            if (child >= Count)
                break;
            if (child + 1 < Count && _scores[child + 1] < _scores[child])
                child++;
            if (_scores[child] >= score)
                break;
            _scores[i] = _scores[child];
            _slots[i] = _slots[child];
            i = child;
        }
        _scores[i] = score;
        _slots[i] = slot;
    }

    public void AddAll(TopCandidates other)
    {
        for (var i = 0; i < other.Count; i++)
            Add(other._scores[i], other._slots[i]);
    }

    /// <summary>The kept slots, in no particular order.</summary>
    public ReadOnlySpan<int> Slots => _slots.AsSpan(0, Count);

    /// <summary>Their scores, in the same order as <see cref="Slots"/>.</summary>
    public ReadOnlySpan<float> Scores => _scores.AsSpan(0, Count);
}
