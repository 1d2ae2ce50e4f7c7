namespace Verilock.Checks.Faces.Search;

/// <summary>
/// One partition's templates, packed: per chunk of <see cref="ChunkSize"/> templates one <c>sbyte</c> array of the
/// quantised vectors back to back, and beside it their scales, template ids and session ids (GUIDs). No object per
/// template, no array over 2 GB (a chunk of 512-d vectors is 4 MiB), and growth allocates one chunk at a time. Slots
/// are dense: removing one moves the last template into it. Not thread-safe; <see cref="FaceTemplateIndex"/> locks.
/// </summary>
internal sealed class TemplateStore(int dimension)
{
    public const int ChunkShift = 13;
    public const int ChunkSize = 1 << ChunkShift;
    private const int ChunkMask = ChunkSize - 1;

    private readonly List<Chunk> _chunks = [];

    public int Dimension { get; } = dimension;

    public int Count { get; private set; }

    public IReadOnlyList<Chunk> Chunks => _chunks;

    public int Append(Guid templateId, Guid sessionId, ReadOnlySpan<sbyte> vector, float scale)
    {
        var slot = Count;
        if ((slot & ChunkMask) == 0 && slot >> ChunkShift == _chunks.Count)
            _chunks.Add(new Chunk(Dimension));
        Count++;
        Write(slot, templateId, sessionId, vector, scale);
        return slot;
    }

    public void Write(int slot, Guid templateId, Guid sessionId, ReadOnlySpan<sbyte> vector, float scale)
    {
        var chunk = _chunks[slot >> ChunkShift];
        var at = slot & ChunkMask;
        vector.CopyTo(chunk.Vectors.AsSpan(at * Dimension, Dimension));
        chunk.Scales[at] = scale;
        chunk.TemplateIds[at] = templateId;
        chunk.SessionIds[at] = sessionId;
    }

    public Guid TemplateIdAt(int slot) => _chunks[slot >> ChunkShift].TemplateIds[slot & ChunkMask];

    public Guid SessionIdAt(int slot) => _chunks[slot >> ChunkShift].SessionIds[slot & ChunkMask];

    public ReadOnlySpan<sbyte> VectorAt(int slot) =>
        _chunks[slot >> ChunkShift].Vectors.AsSpan((slot & ChunkMask) * Dimension, Dimension);

    public float ScaleAt(int slot) => _chunks[slot >> ChunkShift].Scales[slot & ChunkMask];

    /// <summary>
    /// Removes the template in <paramref name="slot"/> by moving the last one into it (its vector is overwritten, so
    /// it cannot be found any more) and returns the id of the template that moved, or null when the slot was last.
    /// </summary>
    public Guid? RemoveAt(int slot)
    {
        var last = Count - 1;
        Guid? moved = null;
        if (slot != last)
        {
            var id = TemplateIdAt(last);
            Write(slot, id, SessionIdAt(last), VectorAt(last), ScaleAt(last));
            moved = id;
        }
        var chunk = _chunks[last >> ChunkShift];
        var at = last & ChunkMask;
        chunk.Vectors.AsSpan(at * Dimension, Dimension).Clear();
        chunk.Scales[at] = 0;
        chunk.TemplateIds[at] = Guid.Empty;
        chunk.SessionIds[at] = Guid.Empty;
        Count = last;
        if ((Count & ChunkMask) == 0 && _chunks.Count > Count >> ChunkShift)
            _chunks.RemoveAt(_chunks.Count - 1);
        return moved;
    }

    /// <summary>The slots holding templates of a session.</summary>
    public List<int> SlotsOf(Guid sessionId)
    {
        var slots = new List<int>();
        for (var c = 0; c < _chunks.Count; c++)
        {
            var ids = _chunks[c].SessionIds.AsSpan(0, Math.Min(ChunkSize, Count - (c << ChunkShift)));
            for (var at = ids.IndexOf(sessionId); at >= 0;)
            {
                slots.Add((c << ChunkShift) + at);
                var next = ids[(at + 1)..].IndexOf(sessionId);
                at = next < 0 ? -1 : at + 1 + next;
            }
        }
        return slots;
    }

    /// <summary>Moves everything of <paramref name="other"/> into this store, dropping what this one held.</summary>
    public void TakeFrom(TemplateStore other)
    {
        _chunks.Clear();
        _chunks.AddRange(other._chunks);
        Count = other.Count;
        other._chunks.Clear();
        other.Count = 0;
    }

    internal sealed class Chunk(int dimension)
    {
        public sbyte[] Vectors { get; } = new sbyte[ChunkSize * dimension];
        public float[] Scales { get; } = new float[ChunkSize];
        public Guid[] TemplateIds { get; } = new Guid[ChunkSize];
        public Guid[] SessionIds { get; } = new Guid[ChunkSize];
    }
}
