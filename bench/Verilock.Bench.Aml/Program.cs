using System.Diagnostics;
using System.Globalization;
using Verilock.Screening;
using Verilock.Screening.Evaluation;
using Verilock.Screening.Lists;

// Loads UN + OFAC SDN from ../shared/data, then reports index build time, match quality (clean
// positives, generated variants, two negative sets) and speed (latency on one thread, throughput
// on two). `--verbose` lists every miss and false positive; `--seed N` draws other variants
// (also VERILOCK_VARIANT_SEED; 0, the default, gives the variants of earlier reports).
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var verbose = args.Contains("--verbose");
var qualityOnly = args.Contains("--quality-only"); // skips the speed runs, for iterating on matching

var seedAt = Array.IndexOf(args, "--seed");
var seed = seedAt >= 0 && seedAt + 1 < args.Length ? int.Parse(args[seedAt + 1], CultureInfo.InvariantCulture) : VariantGenerator.DefaultSeed;
var data = SharedData.Find() ?? SharedData.Find(Environment.CurrentDirectory)
    ?? throw new InvalidOperationException("../shared/data not found beside the repository.");

var loadClock = Stopwatch.StartNew();
var loadedAt = DateTimeOffset.UtcNow;
var lists = new[] { KnownLists.UnSecurityCouncil, KnownLists.OfacSdn }
    .Select(id => ListsDirectory.LoadList(SharedData.Sanctions(data), id, loadedAt)).ToList();
var parseTime = loadClock.Elapsed;

ScreeningIndex.Build(lists); // warm-up: JIT, AnyAscii tables
const int buildRuns = 5;
var buildTimes = new List<double>();
ScreeningIndex index = null!;
for (var i = 0; i < buildRuns; i++)
{
    var clock = Stopwatch.StartNew();
    index = ScreeningIndex.Build(lists);
    buildTimes.Add(clock.Elapsed.TotalMilliseconds);
}

Console.WriteLine($"Lists: {string.Join(", ", lists.Select(l => $"{l.Metadata.Id} v{l.Metadata.Version} {l.Metadata.EntityCount} entities"))}");
Console.WriteLine($"Parse (both lists, cold): {parseTime.TotalMilliseconds:F0} ms");
Console.WriteLine($"Index build: median {Median(buildTimes):F0} ms of {buildRuns} runs ({index.NameCount} names)");
Console.WriteLine();

// `--screen "NAME"` (repeatable) prints what one name matches on the name alone, with scores, and stops.
var screenNames = args.Select((a, i) => (a, i)).Where(x => x.a == "--screen" && x.i + 1 < args.Length).Select(x => args[x.i + 1]).ToList();
if (screenNames.Count > 0)
{
    foreach (var screened in screenNames)
    {
        var result = index.Screen(new ScreeningQuery(screened, Threshold: 0.5));
        Console.WriteLine($"{screened}: {string.Join("; ", result.Matches.Take(5).Select(m => $"{m.MatchedName} [{m.EntityId}] {m.Score:0.00}"))}");
    }
    return;
}

var un = lists.Single(l => l.Metadata.Id == KnownLists.UnSecurityCouncil);
var (positives, skipped) = LabelledPositive.Label(EvalPerson.Read(SharedData.EvalFile(data, "positives_un.csv")), un.Entities);
var negativesGlobal = EvalPerson.Read(SharedData.EvalFile(data, "negatives_global_1k.csv"));
var negativesUs = EvalPerson.Read(SharedData.EvalFile(data, "negatives_us_1k.csv"));
var variants = QualityEvaluation.Variants(positives, seed);

Console.WriteLine($"Quality at threshold {ScreeningQuery.DefaultThreshold:0.00} ({positives.Count} positives labelled, {skipped.Count} skipped: not in the snapshot), variant seed {seed}");
foreach (var withFacts in new[] { true, false })
{
    var mode = withFacts ? "name + date of birth + nationality" : "name only";
    Console.WriteLine($"  [{mode}]");
    var (found, missed) = QualityEvaluation.Recall(index, positives, withFacts);
    Console.WriteLine($"    recall, clean positives:  {Percent(found, positives.Count)} ({found}/{positives.Count})");
    Report(missed.Select(m => m.Person.FullName), "missed");

    var (variantFound, variantMissed) = QualityEvaluation.Recall(index, variants.Select(v => v.Positive), withFacts);
    Console.WriteLine($"    recall, variants:         {Percent(variantFound, variants.Count)} ({variantFound}/{variants.Count})");
    var original = variants.Where(v => VariantGenerator.OriginalKinds.Contains(v.Kind)).Select(v => v.Positive).ToList();
    var (originalFound, _) = QualityEvaluation.Recall(index, original, withFacts);
    Console.WriteLine($"      (original five kinds: {Percent(originalFound, original.Count)} ({originalFound}/{original.Count}))");
    // Combined treatments are what an outside set mostly makes (a structural and a spelling change together).
    var combined = variants.Where(v => v.Kind.Contains('+', StringComparison.Ordinal)).Select(v => v.Positive).ToList();
    var (combinedFound, _) = QualityEvaluation.Recall(index, combined, withFacts);
    Console.WriteLine($"      (combined kinds:      {Percent(combinedFound, combined.Count)} ({combinedFound}/{combined.Count}))");
    foreach (var kind in VariantGenerator.Kinds)
    {
        var ofKind = variants.Where(v => v.Kind == kind).Select(v => v.Positive).ToList();
        var (kindFound, kindMissed) = QualityEvaluation.Recall(index, ofKind, withFacts);
        Console.WriteLine($"      {kind,-15} {Percent(kindFound, ofKind.Count)} ({kindFound}/{ofKind.Count})");
        Report(kindMissed.Select(m => m.Person.FullName), "missed");
    }
    foreach (var (name, negatives) in new[] { ("negatives_global_1k", negativesGlobal), ("negatives_us_1k", negativesUs) })
    {
        var hits = QualityEvaluation.FalsePositives(index, negatives, withFacts);
        Console.WriteLine($"    false positives, {name}: {Percent(hits.Count, negatives.Count)} ({hits.Count}/{negatives.Count})");
        Report(hits.Select(h => $"{h.Person.FullName} ({h.Person.DateOfBirth}, {h.Person.Nationality}) -> {h.Hit.MatchedName} [{h.Hit.EntityId}] {h.Hit.Score:0.00}"), "hit");
        // The same people with their given names as initials: what initial-aware matching costs.
        var abbreviated = negatives.Select(VariantGenerator.Abbreviated).OfType<EvalPerson>().ToList();
        var initialHits = QualityEvaluation.FalsePositives(index, abbreviated, withFacts);
        Console.WriteLine($"    false positives, {name} initials: {Percent(initialHits.Count, abbreviated.Count)} ({initialHits.Count}/{abbreviated.Count})");
        Report(initialHits.Select(h => $"{h.Person.FullName} ({h.Person.DateOfBirth}, {h.Person.Nationality}) -> {h.Hit.MatchedName} [{h.Hit.EntityId}] {h.Hit.Score:0.00}"), "hit");
    }
}
Console.WriteLine();
if (qualityOnly)
    return;

// Speed: every eval row and variant, with their facts, in a fixed shuffled order.
var queries = positives.Select(p => p.Person).Concat(variants.Select(v => v.Positive.Person)).Concat(negativesGlobal).Concat(negativesUs)
    .Select(p => p.ToQuery()).OrderBy(q => q.Name.GetHashCode(StringComparison.Ordinal)).ToArray();
foreach (var q in queries)
    index.Screen(q);
var latencies = new double[queries.Length * 3];
for (var round = 0; round < 3; round++)
{
    for (var i = 0; i < queries.Length; i++)
    {
        var start = Stopwatch.GetTimestamp();
        index.Screen(queries[i]);
        latencies[round * queries.Length + i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
if (verbose)
{
    foreach (var i in Enumerable.Range(0, queries.Length).OrderByDescending(i => latencies[i]).Take(15))
        Console.WriteLine($"        slow: {latencies[i]:F2} ms {queries[i].Name}");
}
Array.Sort(latencies);
Console.WriteLine($"Latency, one thread, {latencies.Length} screenings: p50 {Quantile(latencies, 0.50):F3} ms, p99 {Quantile(latencies, 0.99):F3} ms, max {latencies[^1]:F2} ms");

const int threads = 2;
var throughputClock = Stopwatch.StartNew();
var perThread = queries.Length * 4;
Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
{
    for (var i = 0; i < perThread; i++)
        index.Screen(queries[(i + t * 7919) % queries.Length]);
});
var perSecond = threads * perThread / throughputClock.Elapsed.TotalSeconds;
Console.WriteLine($"Throughput, {threads} threads: {perSecond:F0} screenings/s ({perSecond / threads:F0} per core), on {Environment.ProcessorCount} logical CPUs");

void Report(IEnumerable<string> lines, string label)
{
    if (!verbose)
        return;
    foreach (var line in lines)
        Console.WriteLine($"        {label}: {line}");
}

static string Percent(int count, int total) => total == 0 ? "n/a" : $"{100.0 * count / total:F2}%";

static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);

static double Quantile(double[] sorted, double q) => sorted[(int)Math.Min(sorted.Length - 1, Math.Floor(q * sorted.Length))];
