// Face search index benchmark (bench/face-search.sh): synthetic clustered templates (SyntheticFaces), loaded into a
// FaceTemplateIndex partition per size; load time, memory, search latency and agreement with exact float32 search;
// at the largest size also each scan kernel on one and on every core, and the exact float32 scan's own latency.
// Options: --sizes 10000,100000,1000000 --probes 300 --seed 1; --real [--models DIR] also mixes in the demo photos'
// faces (needs scripts/setup --for-tests). Results: docs/benchmarks.md.
using System.Diagnostics;
using System.Globalization;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Verilock.Bench.FaceSearch;
using Verilock.Checks.Faces.Search;

var sizes = (Argument("--sizes") ?? "10000,100000,1000000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).OrderDescending().ToArray();
var probeCount = int.Parse(Argument("--probes") ?? "300", CultureInfo.InvariantCulture);
var seed = int.Parse(Argument("--seed") ?? "1", CultureInfo.InvariantCulture);
const int Top = 10;
var cores = Environment.ProcessorCount;

Console.WriteLine($"machine: {cores} cores; AVX2 {Avx2.IsSupported}, AVX-512BW {Avx512BW.IsSupported}, Vector512 accelerated {Vector512.IsHardwareAccelerated}; kernel {Int8Dot.Best}; .NET {Environment.Version}");
var faces = new SyntheticFaces(seed);
var largest = sizes[0];
var watch = Stopwatch.StartNew();
var vectors = new float[(long)largest * SyntheticFaces.Dimension];
var identities = faces.Templates(vectors, largest);
Console.WriteLine($"generated {largest:N0} templates of {largest / SyntheticFaces.TemplatesPerIdentity:N0} people in {watch.Elapsed.TotalSeconds:F1} s (float32 copy for the exact reference: {vectors.LongLength * 4 / (1 << 20):N0} MiB)");
DescribeData(vectors, identities, largest);

using var index = new FaceTemplateIndex();
foreach (var size in sizes)
{
    Console.WriteLine();
    Console.WriteLine($"## {size:N0} templates");
    var partition = new FaceIndexPartition(new Guid(size, 0, 0, new byte[8]), Live: true);
    var (heapBefore, setBefore) = Memory();
    watch.Restart();
    index.Load(partition, Enumerate(size));
    var loadSeconds = watch.Elapsed.TotalSeconds;
    var (heapAfter, setAfter) = Memory();
    Console.WriteLine($"load: {loadSeconds:F2} s ({size / loadSeconds:N0} templates/s); GC heap +{(heapAfter - heapBefore) / 1048576.0:N1} MiB " +
        $"({(double)(heapAfter - heapBefore) / size:F0} B/template), working set +{(setAfter - setBefore) / 1048576.0:N1} MiB " +
        $"({(double)(setAfter - setBefore) / size:F0} B/template)");

    var people = size / SyntheticFaces.TemplatesPerIdentity;
    var random = new Random(seed + size);
    var known = probeCount * 2 / 3;
    var probes = Enumerable.Range(0, probeCount)
        .Select(i => i < known ? (Person: random.Next(people), Known: true) : (Person: 50_000_000 + i, Known: false))
        .Select((p, i) => (p.Person, p.Known, Vector: faces.Probe(p.Person, i)))
        .ToList();
    watch.Restart();
    var truth = ExactTruth.TopK(vectors, size, [.. probes.Select(p => p.Vector)], Top);
    Console.WriteLine($"exact float32 top-{Top} of {probeCount} probes ({known} of known people, {probeCount - known} unknown): {watch.Elapsed.TotalSeconds:F1} s");
    var rightPerson = probes.Where(p => p.Known).Count(p => identities[truth[probes.IndexOf(p)][0].Row] == p.Person);
    Console.WriteLine($"  exact top-1 is the probe's person for {rightPerson} / {known} known probes; unknown probes' best cosine " +
        $"p50 {Percentile([.. probes.Select((p, i) => (p, i)).Where(x => !x.p.Known).Select(x => (double)truth[x.i][0].Cosine)], 50):F3}");

    foreach (var rerank in new[] { FaceTemplateIndex.DefaultRerank, 0 })
    {
        var settings = new ScanSettings(Top, rerank, -1, Int8Dot.Best, cores);
        for (var i = 0; i < 10; i++)
            index.Search(partition, probes[i].Vector, null, settings);
        var latencies = new List<double>();
        var (top1, ties, recall, worstDifference, worstGap) = (0, 0, 0.0, 0f, 0f);
        for (var i = 0; i < probes.Count; i++)
        {
            watch.Restart();
            var found = index.Search(partition, probes[i].Vector, null, settings);
            latencies.Add(watch.Elapsed.TotalMilliseconds);
            var exact = truth[i];
            if (RowOf(found[0].TemplateId) == exact[0].Row)
                top1++;
            else
            {
                var gap = exact[0].Cosine - System.Numerics.Tensors.TensorPrimitives.Dot(
                    probes[i].Vector, vectors.AsSpan(RowOf(found[0].TemplateId) * SyntheticFaces.Dimension, SyntheticFaces.Dimension));
                worstGap = Math.Max(worstGap, gap);
                if (gap <= 0.001f)
                    ties++;
            }
            var exactRows = exact.Select(e => e.Row).ToHashSet();
            recall += found.Count(m => exactRows.Contains(RowOf(m.TemplateId))) / (double)exact.Length;
            worstDifference = Math.Max(worstDifference, Math.Abs(found[0].Cosine - exact[0].Cosine));
        }
        Console.WriteLine($"search top {Top}, {(rerank > 0 ? $"int8 scan + float re-rank of {rerank}" : "int8 only")}, {cores} threads, {probes.Count} probes: " +
            $"p50 {Percentile(latencies, 50):F1} ms, p95 {Percentile(latencies, 95):F1}, p99 {Percentile(latencies, 99):F1}, max {latencies.Max():F1}; " +
            $"top-1 agreement {100.0 * top1 / probes.Count:F1} % ({top1}/{probes.Count}; {100.0 * (top1 + ties) / probes.Count:F1} % counting ties within 0.001 as agreement), top-{Top} recall {100 * recall / probes.Count:F2} %, " +
            $"worst |top-1 cosine − exact| {worstDifference:F4}; where top-1 differs, its exact cosine is within {worstGap:F4} of the best");
    }

    if (size != largest)
        continue;
    Console.WriteLine();
    Console.WriteLine($"kernels at {size:N0} (p50 over probes; re-rank {FaceTemplateIndex.DefaultRerank}):");
    foreach (var kernel in Enum.GetValues<FaceScanKernel>().Where(k => k != FaceScanKernel.Auto && Int8Dot.IsSupported(k)))
        foreach (var threads in new[] { 1, cores }.Distinct())
        {
            var settings = new ScanSettings(Top, FaceTemplateIndex.DefaultRerank, -1, kernel, threads);
            var rounds = kernel == FaceScanKernel.Scalar ? 5 : 40;
            index.Search(partition, probes[0].Vector, null, settings);
            var latencies = new List<double>();
            for (var i = 0; i < rounds; i++)
            {
                watch.Restart();
                index.Search(partition, probes[i].Vector, null, settings);
                latencies.Add(watch.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"  {kernel,-9} {threads} thread(s): p50 {Percentile(latencies, 50):F1} ms ({rounds} probes)");
        }
    var exactLatencies = new List<double>();
    ExactTruth.BestCosine(vectors, size, probes[0].Vector, cores);
    for (var i = 0; i < 10; i++)
    {
        watch.Restart();
        ExactTruth.BestCosine(vectors, size, probes[i].Vector, cores);
        exactLatencies.Add(watch.Elapsed.TotalMilliseconds);
    }
    Console.WriteLine($"  float32 TensorPrimitives.Dot over the float copy, {cores} threads: p50 {Percentile(exactLatencies, 50):F1} ms (10 probes)");
    if (args.Contains("--real"))
        MixInRealFaces(partition);
}
return 0;

// The demo photos' faces (references) added to the partition, their re-captures searched against it; and every real
// embedding against the references, int8 without re-rank versus float32.
void MixInRealFaces(FaceIndexPartition partition)
{
    Console.WriteLine();
    watch.Restart();
    var real = RealFaces.Embed(Argument("--models") ?? Verilock.Checks.Samples.FacePhotos.ModelsDirectory);
    var references = real.Where(r => r.Capture == "reference").ToList();
    var recaptures = real.Where(r => r.Capture != "reference").ToList();
    Console.WriteLine($"real faces: {references.Count} faces of the demo photos and {recaptures.Count} re-captures embedded in {watch.Elapsed.TotalSeconds:F0} s");
    var ids = references.Select(r => new Guid(r.Face, 9, 9, new byte[8])).ToArray();
    var exact = new ExactFaceSearch();
    foreach (var (face, _, embedding) in references)
    {
        var session = FaceSessionIds.Format(new Guid(face, 9, 8, new byte[8]));
        index.Upsert(partition, ids[face], session, embedding);
        exact.Add(ids[face], session, embedding);
    }
    var (sameFace, worst, latencies) = (0, 0f, new List<double>());
    foreach (var (face, _, embedding) in recaptures)
    {
        watch.Restart();
        var found = index.Search(partition, embedding, Top);
        latencies.Add(watch.Elapsed.TotalMilliseconds);
        if (found[0].TemplateId == ids[face])
            sameFace++;
        var truth = exact.Search(embedding, references.Count).ToDictionary(m => m.TemplateId, m => m.Cosine);
        foreach (var match in found.Where(m => truth.ContainsKey(m.TemplateId)))
            worst = Math.Max(worst, Math.Abs(match.Cosine - truth[match.TemplateId]));
    }
    Console.WriteLine($"  each re-capture against {index.CountIn(partition):N0} templates ({index.CountIn(partition) - references.Count:N0} synthetic + the {references.Count} references): " +
        $"top-1 is its own face for {sameFace} / {recaptures.Count}; worst |cosine − float32| {worst:F4}; p50 {Percentile(latencies, 50):F1} ms");

    using var alone = new FaceTemplateIndex(rerank: 0);
    var realPartition = new FaceIndexPartition(Guid.NewGuid(), Live: false);
    alone.Load(realPartition, references.Select(r => new FaceTemplate(ids[r.Face], FaceSessionIds.Format(new Guid(r.Face, 9, 8, new byte[8])), r.Embedding)));
    var (pairs, worstPair, differences) = (0, 0f, new List<double>());
    foreach (var (_, _, embedding) in real)
    {
        var truth = exact.Search(embedding, references.Count).ToDictionary(m => m.TemplateId, m => m.Cosine);
        foreach (var match in alone.Search(realPartition, embedding, references.Count))
        {
            var difference = Math.Abs(match.Cosine - truth[match.TemplateId]);
            differences.Add(difference);
            worstPair = Math.Max(worstPair, difference);
            pairs++;
        }
    }
    Console.WriteLine($"  int8 only (no re-rank), every real embedding against every reference ({pairs:N0} pairs): |int8 cosine − float32| p50 {Percentile(differences, 50):F4}, p99 {Percentile(differences, 99):F4}, max {worstPair:F4}");
}

IEnumerable<FaceTemplate> Enumerate(int count)
{
    for (var row = 0; row < count; row++)
        yield return new FaceTemplate(TemplateId(row, count), FaceSessionIds.Format(new Guid(row, 1, (short)(count & 0x7fff), new byte[8])),
            vectors.AsMemory(row * SyntheticFaces.Dimension, SyntheticFaces.Dimension));
}

static Guid TemplateId(int row, int size) => new(row, 0, (short)(size & 0x7fff), new byte[8]);

static int RowOf(Guid templateId)
{
    Span<byte> bytes = stackalloc byte[16];
    templateId.TryWriteBytes(bytes);
    return BitConverter.ToInt32(bytes);
}

static (long Heap, long WorkingSet) Memory()
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    using var process = Process.GetCurrentProcess();
    return (GC.GetTotalMemory(false), process.WorkingSet64);
}

static void DescribeData(float[] vectors, int[] identities, int count)
{
    var random = new Random(5);
    var (genuine, impostor) = (new List<double>(), new List<double>());
    while (genuine.Count < 2000 || impostor.Count < 2000)
    {
        var a = random.Next(count);
        var b = identities[a] * SyntheticFaces.TemplatesPerIdentity + random.Next(SyntheticFaces.TemplatesPerIdentity);
        var other = random.Next(count);
        if (b != a && b < count && genuine.Count < 2000)
            genuine.Add(System.Numerics.Tensors.TensorPrimitives.Dot(vectors.AsSpan(a * 512, 512), vectors.AsSpan(b * 512, 512)));
        if (identities[other] != identities[a] && impostor.Count < 2000)
            impostor.Add(System.Numerics.Tensors.TensorPrimitives.Dot(vectors.AsSpan(a * 512, 512), vectors.AsSpan(other * 512, 512)));
    }
    Console.WriteLine($"data: same-person cosine p5 {Percentile(genuine, 5):F3} p50 {Percentile(genuine, 50):F3} p95 {Percentile(genuine, 95):F3}; " +
        $"different people p50 {Percentile(impostor, 50):F3} p95 {Percentile(impostor, 95):F3} p99 {Percentile(impostor, 99):F3} (2,000 pairs each)");
}

static double Percentile(IReadOnlyList<double> values, double percentile)
{
    var sorted = values.Order().ToArray();
    var at = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
    return sorted[Math.Clamp(at, 0, sorted.Length - 1)];
}

string? Argument(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
