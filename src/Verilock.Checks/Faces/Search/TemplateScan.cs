using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Verilock.Checks.Faces.Search;

/// <summary>
/// One search over a <see cref="TemplateStore"/>: every template's int8 dot product with the quantised probe, the
/// best <c>candidates</c> kept (a heap per thread; chunks spread over the cores when the store is large), then those
/// re-ranked against the float32 probe (asymmetric: float probe · dequantised template), filtered and sorted.
/// The caller holds the store's read lock.
/// </summary>
internal static class TemplateScan
{
    /// <summary>Below this many templates one thread scans (about 4 MB of vectors: the fan-out would cost more).</summary>
    public const int ParallelFrom = 4 * TemplateStore.ChunkSize;

    public static List<FaceSearchMatch> Search(TemplateStore store, in FaceProbe probe, in ScanSettings settings)
    {
        var count = store.Count;
        if (count == 0)
            return [];
        var capacity = Math.Min(count, Math.Max(settings.Top, settings.Rerank));
        var best = new TopCandidates(capacity);
        var chunks = (count + TemplateStore.ChunkSize - 1) >> TemplateStore.ChunkShift;
        if (count < ParallelFrom || settings.Parallelism <= 1)
        {
            for (var c = 0; c < chunks; c++)
                ScanChunk(store, c, probe, settings.Kernel, best);
        }
        else
        {
            var merge = new Lock();
            var local = probe;
            var kernel = settings.Kernel;
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism },
                () => new TopCandidates(capacity),
                (c, _, mine) =>
                {
                    ScanChunk(store, c, local, kernel, mine);
                    return mine;
                },
                mine =>
                {
                    lock (merge)
                        best.AddAll(mine);
                });
        }
        return Rank(store, probe, settings, best);
    }

    private static List<FaceSearchMatch> Rank(TemplateStore store, in FaceProbe probe, in ScanSettings settings, TopCandidates best)
    {
        var ranked = new List<FaceSearchMatch>(best.Count);
        var slots = best.Slots;
        for (var i = 0; i < slots.Length; i++)
        {
            var slot = slots[i];
            var cosine = settings.Rerank > 0
                ? FloatDot(probe.Unit, store.VectorAt(slot)) * store.ScaleAt(slot)
                : best.Scores[i] * probe.Scale;
            if (cosine >= settings.MinCosine)
                ranked.Add(new FaceSearchMatch(store.TemplateIdAt(slot), FaceSessionIds.Format(store.SessionIdAt(slot)), Math.Min(cosine, 1f)));
        }
        ranked.Sort(static (a, b) => b.Cosine != a.Cosine ? b.Cosine.CompareTo(a.Cosine) : a.TemplateId.CompareTo(b.TemplateId));
        if (ranked.Count > settings.Top)
            ranked.RemoveRange(settings.Top, ranked.Count - settings.Top);
        return ranked;
    }

    private static float FloatDot(ReadOnlySpan<float> unit, ReadOnlySpan<sbyte> vector)
    {
        var sum = 0f;
        for (var i = 0; i < unit.Length; i++)
            sum += unit[i] * vector[i];
        return sum;
    }

    private static void ScanChunk(TemplateStore store, int chunk, in FaceProbe probe, FaceScanKernel kernel, TopCandidates best)
    {
        switch (kernel)
        {
            case FaceScanKernel.Avx512:
                ScanChunk<Avx512Kernel>(store, chunk, probe, best);
                break;
            case FaceScanKernel.Avx2:
                ScanChunk<Avx2Kernel>(store, chunk, probe, best);
                break;
            case FaceScanKernel.Vector128:
                ScanChunk<Vector128Kernel>(store, chunk, probe, best);
                break;
            default:
                ScanChunk<ScalarKernel>(store, chunk, probe, best);
                break;
        }
    }

    private static void ScanChunk<TKernel>(TemplateStore store, int chunk, in FaceProbe probe, TopCandidates best)
        where TKernel : struct, IDotKernel
    {
        var first = chunk << TemplateStore.ChunkShift;
        var n = Math.Min(TemplateStore.ChunkSize, store.Count - first);
        var data = store.Chunks[chunk];
        var dimension = store.Dimension;
        ref var vectors = ref MemoryMarshal.GetArrayDataReference(data.Vectors);
        ref var query = ref MemoryMarshal.GetArrayDataReference(probe.Quantized);
        var scales = data.Scales;
        var sessions = data.SessionIds;
        var excluded = probe.ExcludedSession;
        var threshold = best.Threshold;
        for (var i = 0; i < n; i++)
        {
            var score = TKernel.Dot(ref Unsafe.Add(ref vectors, i * dimension), ref query, dimension) * scales[i];
            if (score > threshold && !(excluded is { } session && sessions[i] == session))
            {
                best.Add(score, first + i);
                threshold = best.Threshold;
            }
        }
    }
}

/// <summary>A search's probe: the unit vector, its int8 values widened to int16 for the kernels, its scale.</summary>
internal readonly record struct FaceProbe(float[] Unit, short[] Quantized, float Scale, Guid? ExcludedSession);

/// <summary>How a search runs: results kept, candidates re-ranked (0: none), threshold, kernel, threads.</summary>
internal readonly record struct ScanSettings(int Top, int Rerank, float MinCosine, FaceScanKernel Kernel, int Parallelism);
