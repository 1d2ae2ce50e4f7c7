// MRZ read benchmark: the rendered development set through MrzDocumentReader.Read, which is decode + locate + OCR +
// parse. The set has two parts: the ten plain photo conditions of the sample documents ("base") and the hostile
// conditions of real material, each on several seeded random documents ("hostile"). Prints per condition how
// many zones were found, read fully valid, and read exactly (document number, birth date and expiry equal to the
// rendered ones), then latency percentiles over timed rounds on one thread. Run through bench/mrz-read.sh.
using System.Diagnostics;
using System.Globalization;
using Verilock.Bench.Mrz;
using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

var tessdata = Argument("--tessdata") ?? "models";
var rounds = int.Parse(Argument("--rounds") ?? "2", CultureInfo.InvariantCulture);
var seeds = int.Parse(Argument("--seeds") ?? HostileSet.DefaultSeeds.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
var set = Argument("--set") ?? "all";
var only = Argument("--only")?.Split(',');
var dump = Argument("--dump");
var verbose = args.Contains("--verbose");
var stages = args.Contains("--stages");
var today = new DateOnly(2026, 11, 27);

bool Included(string condition) => only is null || only.Any(o => condition.Contains(o, StringComparison.OrdinalIgnoreCase));

Console.WriteLine("Rendering samples…");
var samples = new List<BenchSample>();
if (set is "all" or "base")
    samples.AddRange(SampleSet.All().Where(s => Included(s.Condition.ToString()))
        .Select(s => new BenchSample("base", s.Condition.ToString(), s.Name, s.Document, s.Bytes)));
if (set is "all" or "hostile")
    samples.AddRange(HostileSet.All(seeds, c => Included(c.Name))
        .Select(s => new BenchSample("hostile", s.Condition.Name, s.Name, s.Document, s.Bytes)));
if (dump is not null)
{
    Directory.CreateDirectory(dump);
    foreach (var sample in samples)
    {
        File.WriteAllBytes(Path.Combine(dump, sample.Name + ".jpg"), sample.Bytes);
        // A small PNG beside each upload, to look at (as stored: EXIF not applied).
        using var image = OpenCvSharp.Cv2.ImDecode(sample.Bytes, OpenCvSharp.ImreadModes.Color | OpenCvSharp.ImreadModes.IgnoreOrientation);
        var shrink = Math.Min(1.0, 1000.0 / Math.Max(image.Width, image.Height));
        using var small = image.Resize(new OpenCvSharp.Size(0, 0), shrink, shrink, OpenCvSharp.InterpolationFlags.Area);
        small.SaveImage(Path.Combine(dump, sample.Name + ".png"));
    }
}

using var reader = new MrzDocumentReader(new DocumentReaderOptions { TessdataDirectory = tessdata });
Console.WriteLine($"{samples.Count} images ({set}, {seeds} seeds per hostile condition), model {reader.OcrLanguage}, text detector {(reader.HasTextDetector ? "loaded" : "absent")}, {rounds} timed rounds, 1 thread");

using (var self = Process.GetCurrentProcess())
    Console.WriteLine($"working set after loading the reader: {self.WorkingSet64 / 1048576} MiB");
using var stageEngines = new TesseractPool(tessdata, reader.OcrLanguage);
var detectorPath = Path.Combine(tessdata, new DocumentReaderOptions { TessdataDirectory = tessdata }.TextDetectorFile);
using var stageDetector = stages && File.Exists(detectorPath) ? new MrzTextDetector(detectorPath) : null;
var tally = new ConditionTally();
var firstReadMs = new List<double>();
foreach (var sample in samples)
{
    var watch = Stopwatch.StartNew();
    var result = reader.Read(sample.Bytes, today);
    firstReadMs.Add(watch.Elapsed.TotalMilliseconds);
    var verdict = tally.Add(sample, result);
    if (verbose || !verdict.Exact)
        Console.WriteLine($"  {(verdict.Exact ? "exact" : "MISS "),-5} {sample.Name,-52} {result.Outcome,-15} conf {result.OcrConfidence:F2}"
                          + (verdict.Exact ? "" : $" {string.Join(" | ", result.Mrz?.Lines ?? [])}  (expected {string.Join(" | ", sample.Document.MrzLines)})"));
    if (stages && !verdict.Exact)
        StageReport.Print(Console.Out, sample.Bytes, stageEngines, dump, sample.Name, stageDetector);
}

Console.WriteLine();
tally.Print(Console.Out);
Console.WriteLine();
Console.WriteLine($"first read per image: p50 {Percentile(firstReadMs, 0.50):F0} ms, p90 {Percentile(firstReadMs, 0.90):F0} ms, max {firstReadMs.Max():F0} ms, mean {firstReadMs.Average():F0} ms");

var timings = new List<double>();
for (var round = 0; round < rounds; round++)
    foreach (var sample in samples)
    {
        var watch = Stopwatch.StartNew();
        reader.Read(sample.Bytes, today);
        timings.Add(watch.Elapsed.TotalMilliseconds);
    }
if (timings.Count > 0)
    Console.WriteLine($"latency per image over {timings.Count} reads: p50 {Percentile(timings, 0.50):F0} ms, p90 {Percentile(timings, 0.90):F0} ms, p99 {Percentile(timings, 0.99):F0} ms, max {timings.Max():F0} ms, mean {timings.Average():F0} ms");

using (var self = Process.GetCurrentProcess())
    Console.WriteLine($"working set at the end: {self.WorkingSet64 / 1048576} MiB, peak {self.PeakWorkingSet64 / 1048576} MiB");

static double Percentile(List<double> values, double p)
{
    var sorted = values.Order().ToArray();
    return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}

string? Argument(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
