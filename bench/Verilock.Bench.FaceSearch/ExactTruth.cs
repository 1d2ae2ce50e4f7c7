using System.Numerics.Tensors;
using Verilock.Checks.Faces.Search;

namespace Verilock.Bench.FaceSearch;

/// <summary>
/// The exact float32 answer for many probes at once: every template's cosine with every probe
/// (<see cref="TensorPrimitives.Dot(ReadOnlySpan{float}, ReadOnlySpan{float})"/>), a block of templates at a time so
/// the block and the probes stay in cache, over every core. Returns each probe's best <c>k</c> rows, best first.
/// </summary>
internal static class ExactTruth
{
    private const int Block = 1024;

    public static (int Row, float Cosine)[][] TopK(float[] vectors, int count, IReadOnlyList<float[]> probes, int k)
    {
        var dimension = SyntheticFaces.Dimension;
        var merged = probes.Select(_ => new TopCandidates(k)).ToArray();
        var gate = new Lock();
        Parallel.For(0, (count + Block - 1) / Block,
            () => probes.Select(_ => new TopCandidates(k)).ToArray(),
            (block, _, mine) =>
            {
                var end = Math.Min(count, (block + 1) * Block);
                for (var p = 0; p < probes.Count; p++)
                {
                    var probe = probes[p];
                    var heap = mine[p];
                    for (var row = block * Block; row < end; row++)
                    {
                        var cosine = TensorPrimitives.Dot(probe, vectors.AsSpan(row * dimension, dimension));
                        if (cosine > heap.Threshold)
                            heap.Add(cosine, row);
                    }
                }
                return mine;
            },
            mine =>
            {
                lock (gate)
                    for (var p = 0; p < probes.Count; p++)
                        merged[p].AddAll(mine[p]);
            });
        return [.. merged.Select(heap =>
        {
            var rows = heap.Slots.ToArray();
            var scores = heap.Scores.ToArray();
            return rows.Zip(scores).OrderByDescending(x => x.Second).Select(x => (x.First, x.Second)).ToArray();
        })];
    }

    /// <summary>One probe's exact scan of <paramref name="count"/> templates, timed: the float32 alternative to the index.</summary>
    public static float BestCosine(float[] vectors, int count, float[] probe, int parallelism)
    {
        var dimension = SyntheticFaces.Dimension;
        var best = new float[parallelism];
        Parallel.For(0, parallelism, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, part =>
        {
            var (from, to) = ((long)count * part / parallelism, (long)count * (part + 1) / parallelism);
            var max = float.NegativeInfinity;
            for (var row = (int)from; row < to; row++)
                max = Math.Max(max, TensorPrimitives.Dot(probe, vectors.AsSpan(row * dimension, dimension)));
            best[part] = max;
        });
        return best.Max();
    }
}
