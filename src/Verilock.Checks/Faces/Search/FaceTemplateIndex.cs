namespace Verilock.Checks.Faces.Search;

/// <summary>
/// The in-memory index of face templates for 1:N search (spec §20), grouped by <see cref="FaceIndexPartition"/>.
/// Embeddings are L2-normalised and quantised to int8 (<see cref="Int8Quantizer"/>), packed per partition
/// (<see cref="TemplateStore"/>), scanned with SIMD over every core and the best candidates re-ranked against the
/// float probe (<see cref="TemplateScan"/>). About 590 bytes per 512-d template: 548 packed, the rest the id map.
/// <para>
/// Thread-safe. Searches of a partition run together under its read lock; a change takes the write lock of the
/// partitions it touches (changes are also serialised among themselves), so a search sees each template whole, before
/// or after the change. Which partition and slot holds each template id is kept by the writers alone; partitions,
/// once created, stay (an empty one costs a few hundred bytes).
/// </para>
/// </summary>
public sealed class FaceTemplateIndex : IDisposable
{
    /// <summary>Candidates re-ranked against the float probe by default.</summary>
    public const int DefaultRerank = 64;

    private readonly Dictionary<FaceIndexPartition, Partition> _partitions = [];
    private readonly List<Partition> _numbered = [];
    private readonly Dictionary<Guid, Location> _locations = [];
    private readonly Lock _writes = new();
    private readonly ReaderWriterLockSlim _partitionsLock = new();
    private readonly FaceScanKernel _kernel;
    private readonly int _rerank;
    private readonly int _parallelism;
    private int _count;

    /// <param name="dimension">Values per embedding (<see cref="FaceEmbedder"/>: 512); a positive multiple of 32.</param>
    /// <param name="rerank">Best int8 candidates re-ranked against the float probe (0: report the int8 cosine).</param>
    /// <param name="parallelism">Threads one search of a large partition may use (default: every core).</param>
    public FaceTemplateIndex(int dimension = 512, int rerank = DefaultRerank, int? parallelism = null)
        : this(dimension, rerank, parallelism, FaceScanKernel.Auto)
    {
    }

    internal FaceTemplateIndex(int dimension, int rerank, int? parallelism, FaceScanKernel kernel)
    {
        if (dimension <= 0 || dimension % 32 != 0)
            throw new ArgumentOutOfRangeException(nameof(dimension), dimension, "The dimension must be a positive multiple of 32.");
        ArgumentOutOfRangeException.ThrowIfNegative(rerank);
        if (!Int8Dot.IsSupported(kernel))
            throw new PlatformNotSupportedException($"This processor cannot run the {kernel} kernel.");
        Dimension = dimension;
        _rerank = rerank;
        _parallelism = Math.Max(1, parallelism ?? Environment.ProcessorCount);
        _kernel = kernel == FaceScanKernel.Auto ? Int8Dot.Best : kernel;
    }

    public int Dimension { get; }

    /// <summary>The kernel searches use (the best the processor has unless a test chose one).</summary>
    internal FaceScanKernel Kernel => _kernel;

    /// <summary>Templates held, every partition together.</summary>
    public int Count => Volatile.Read(ref _count);

    /// <summary>Templates held in one partition.</summary>
    public int CountIn(FaceIndexPartition partition)
    {
        if (Find(partition) is not { } found)
            return 0;
        found.Lock.EnterReadLock();
        try
        {
            return found.Store.Count;
        }
        finally
        {
            found.Lock.ExitReadLock();
        }
    }

    /// <summary>
    /// Adds a template, or replaces the one with this id (its vector, session and, if it differs, partition).
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The embedding has the wrong length, a NaN or infinity, or is zero; the session id is not <c>ses_</c> and a GUID.
    /// </exception>
    public void Upsert(FaceIndexPartition partition, Guid templateId, string sessionId, ReadOnlySpan<float> embedding)
    {
        var session = FaceSessionIds.Parse(sessionId, nameof(sessionId));
        Span<float> unit = Dimension <= 1024 ? stackalloc float[Dimension] : new float[Dimension];
        Span<sbyte> vector = Dimension <= 1024 ? stackalloc sbyte[Dimension] : new sbyte[Dimension];
        Int8Quantizer.Normalize(embedding, unit, nameof(embedding));
        var scale = Int8Quantizer.Quantize(unit, vector);
        lock (_writes)
        {
            if (_locations.TryGetValue(templateId, out var location))
            {
                var current = _numbered[location.Partition];
                if (current.Key == partition)
                {
                    current.Lock.EnterWriteLock();
                    try
                    {
                        current.Store.Write(location.Slot, templateId, session, vector, scale);
                    }
                    finally
                    {
                        current.Lock.ExitWriteLock();
                    }
                    return;
                }
                RemoveLocked(templateId, location);
            }
            var target = GetOrAdd(partition);
            target.Lock.EnterWriteLock();
            try
            {
                _locations[templateId] = new Location(target.Number, target.Store.Append(templateId, session, vector, scale));
            }
            finally
            {
                target.Lock.ExitWriteLock();
            }
            Interlocked.Increment(ref _count);
        }
    }

    /// <summary>Removes a template; false if the index did not hold it. Its vector is overwritten at once.</summary>
    public bool Remove(Guid templateId)
    {
        lock (_writes)
        {
            if (!_locations.TryGetValue(templateId, out var location))
                return false;
            RemoveLocked(templateId, location);
            return true;
        }
    }

    /// <summary>Removes every template of a session (redaction, spec §20), in any partition; returns how many.</summary>
    public int RemoveSession(string sessionId)
    {
        var session = FaceSessionIds.Parse(sessionId, nameof(sessionId));
        lock (_writes)
        {
            var removed = 0;
            foreach (var partition in Snapshot())
            {
                // Writers are serialised by _writes, so the store can be read without its lock here.
                var ids = partition.Store.SlotsOf(session).Select(partition.Store.TemplateIdAt).ToList();
                foreach (var id in ids)
                {
                    RemoveLocked(id, _locations[id]);
                    removed++;
                }
            }
            return removed;
        }
    }

    /// <summary>
    /// Replaces a partition's templates with <paramref name="templates"/> (the rebuild at start-up from the database).
    /// The new contents are quantised before the partition is locked; searches see the old set until the swap. A
    /// template id held by another partition moves here; within <paramref name="templates"/> the last of an id wins.
    /// </summary>
    /// <exception cref="ArgumentException">An embedding or session id is refused (see <see cref="Upsert"/>); nothing changes.</exception>
    public void Load(FaceIndexPartition partition, IEnumerable<FaceTemplate> templates)
    {
        ArgumentNullException.ThrowIfNull(templates);
        var fresh = new TemplateStore(Dimension);
        var slots = new Dictionary<Guid, int>();
        var unit = new float[Dimension];
        var vector = new sbyte[Dimension];
        foreach (var template in templates)
        {
            var session = FaceSessionIds.Parse(template.SessionId, nameof(templates));
            Int8Quantizer.Normalize(template.Embedding.Span, unit, nameof(templates));
            var scale = Int8Quantizer.Quantize(unit, vector);
            if (slots.TryGetValue(template.TemplateId, out var slot))
                fresh.Write(slot, template.TemplateId, session, vector, scale);
            else
                slots[template.TemplateId] = fresh.Append(template.TemplateId, session, vector, scale);
        }
        lock (_writes)
        {
            var target = GetOrAdd(partition);
            foreach (var id in slots.Keys)
                if (_locations.TryGetValue(id, out var elsewhere) && elsewhere.Partition != target.Number)
                    RemoveLocked(id, elsewhere);
            target.Lock.EnterWriteLock();
            try
            {
                for (var slot = 0; slot < target.Store.Count; slot++)
                    _locations.Remove(target.Store.TemplateIdAt(slot));
                Interlocked.Add(ref _count, slots.Count - target.Store.Count);
                target.Store.TakeFrom(fresh);
            }
            finally
            {
                target.Lock.ExitWriteLock();
            }
            _locations.EnsureCapacity(_locations.Count + slots.Count);
            foreach (var (id, slot) in slots)
                _locations[id] = new Location(target.Number, slot);
        }
    }

    /// <summary>
    /// The templates of <paramref name="partition"/> most similar to <paramref name="probe"/>, best first: at most
    /// <paramref name="top"/>, each with a cosine ≥ <paramref name="minCosine"/>, none of session
    /// <paramref name="excludeSessionId"/> (the probe's own).
    /// </summary>
    /// <exception cref="ArgumentException">The probe is refused (see <see cref="Upsert"/>) or the session id is malformed.</exception>
    public IReadOnlyList<FaceSearchMatch> Search(
        FaceIndexPartition partition, ReadOnlySpan<float> probe, int top, float minCosine = -1, string? excludeSessionId = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(top);
        if (float.IsNaN(minCosine))
            throw new ArgumentException("The minimum cosine must be a number.", nameof(minCosine));
        return Search(partition, probe, excludeSessionId, new ScanSettings(top, _rerank, minCosine, _kernel, _parallelism));
    }

    /// <summary>A search with its own re-rank depth, kernel and threads (the benchmark compares them on one index).</summary>
    internal IReadOnlyList<FaceSearchMatch> Search(
        FaceIndexPartition partition, ReadOnlySpan<float> probe, string? excludeSessionId, ScanSettings settings)
    {
        if (settings.Top <= 0 || settings.Rerank < 0 || settings.Parallelism <= 0 || float.IsNaN(settings.MinCosine))
            throw new ArgumentException($"Bad search settings: {settings}.", nameof(settings));
        if (!Int8Dot.IsSupported(settings.Kernel) || settings.Kernel == FaceScanKernel.Auto)
            throw new PlatformNotSupportedException($"This processor cannot run the {settings.Kernel} kernel.");
        Guid? excluded = excludeSessionId is null ? null : FaceSessionIds.Parse(excludeSessionId, nameof(excludeSessionId));
        var unit = new float[Dimension];
        Int8Quantizer.Normalize(probe, unit, nameof(probe));
        var bytes = new sbyte[Dimension];
        var scale = Int8Quantizer.Quantize(unit, bytes);
        var widened = new short[Dimension];
        for (var i = 0; i < bytes.Length; i++)
            widened[i] = bytes[i];
        if (Find(partition) is not { } found)
            return [];
        found.Lock.EnterReadLock();
        try
        {
            return TemplateScan.Search(found.Store, new FaceProbe(unit, widened, scale, excluded), settings);
        }
        finally
        {
            found.Lock.ExitReadLock();
        }
    }

    public void Dispose()
    {
        foreach (var partition in Snapshot())
            partition.Lock.Dispose();
        _partitionsLock.Dispose();
    }

    private void RemoveLocked(Guid templateId, Location location)
    {
        var partition = _numbered[location.Partition];
        partition.Lock.EnterWriteLock();
        try
        {
            if (partition.Store.RemoveAt(location.Slot) is { } moved)
                _locations[moved] = location;
        }
        finally
        {
            partition.Lock.ExitWriteLock();
        }
        _locations.Remove(templateId);
        Interlocked.Decrement(ref _count);
    }

    private Partition? Find(FaceIndexPartition key)
    {
        _partitionsLock.EnterReadLock();
        try
        {
            return _partitions.GetValueOrDefault(key);
        }
        finally
        {
            _partitionsLock.ExitReadLock();
        }
    }

    private Partition GetOrAdd(FaceIndexPartition key)
    {
        _partitionsLock.EnterWriteLock();
        try
        {
            if (!_partitions.TryGetValue(key, out var partition))
            {
                _partitions[key] = partition = new Partition(key, _numbered.Count, new TemplateStore(Dimension));
                _numbered.Add(partition);
            }
            return partition;
        }
        finally
        {
            _partitionsLock.ExitWriteLock();
        }
    }

    private List<Partition> Snapshot()
    {
        _partitionsLock.EnterReadLock();
        try
        {
            return [.. _partitions.Values];
        }
        finally
        {
            _partitionsLock.ExitReadLock();
        }
    }

    private sealed class Partition(FaceIndexPartition key, int number, TemplateStore store)
    {
        public FaceIndexPartition Key { get; } = key;
        public int Number { get; } = number;
        public TemplateStore Store { get; } = store;
        public ReaderWriterLockSlim Lock { get; } = new();
    }

    /// <summary>Where a template is: its partition's number and its slot (8 bytes per dictionary entry).</summary>
    private readonly record struct Location(int Partition, int Slot);
}
