// MRZ read benchmark: every rendered sample (documents × photo conditions) through MrzDocumentReader.Read,
// which is decode + locate + OCR + parse. Prints the exact-read rate per condition and latency percentiles
// over several timed rounds on one thread. Run through bench/mrz-read.sh, which pins it to one core.
using System.Diagnostics;
using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

var tessdata = Argument("--tessdata") ?? "models";
var rounds = int.Parse(Argument("--rounds") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
var verbose = args.Contains("--verbose");
var today = new DateOnly(2026, 11, 27);

Console.WriteLine("Rendering samples…");
var samples = SampleSet.All().ToArray();
using var reader = new MrzDocumentReader(new DocumentReaderOptions { TessdataDirectory = tessdata });
Console.WriteLine($"{samples.Length} images ({SampleDocuments.All.Count} documents × {Enum.GetValues<PhotoCondition>().Length} conditions), model {reader.OcrLanguage}, {rounds} timed rounds, 1 thread");

var exactByCondition = new Dictionary<PhotoCondition, int>();
foreach (var sample in samples)
{
    var result = reader.Read(sample.Bytes, today);
    var exact = result.Outcome == DocumentReadOutcome.MrzRead && result.Mrz!.Lines.SequenceEqual(sample.Document.MrzLines);
    exactByCondition[sample.Condition] = exactByCondition.GetValueOrDefault(sample.Condition) + (exact ? 1 : 0);
    if (verbose || !exact)
        Console.WriteLine($"  {(exact ? "exact" : "MISS "),-5} {sample.Name,-36} {result.Outcome,-15} conf {result.OcrConfidence:F2} sharpness {result.Quality?.Sharpness} glare {result.Quality?.GlareFraction}"
                          + (exact ? "" : $" {result.Problem}"));
}

var timings = new List<double>();
for (var round = 0; round < rounds; round++)
    foreach (var sample in samples)
    {
        var watch = Stopwatch.StartNew();
        reader.Read(sample.Bytes, today);
        timings.Add(watch.Elapsed.TotalMilliseconds);
    }
timings.Sort();

// Where the time goes, stage by stage, for the zone the locator ranks first (read the way up it guessed).
double decodeMs = 0, locateMs = 0, ocrMs = 0;
var linesRead = 0;
using (var engines = new TesseractPool(tessdata, reader.OcrLanguage))
    foreach (var sample in samples)
    {
        var watch = Stopwatch.StartNew();
        using var gray = UploadDecoder.DecodeGray(sample.Bytes, new DecodeLimits(), out _)!;
        decodeMs += watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        using var work = MrzLocator.ToWorkScale(gray, out var scale);
        var zone = MrzLocator.Locate(work, scale)[0];
        locateMs += watch.Elapsed.TotalMilliseconds;
        watch.Restart();
        foreach (var line in zone.Lines)
        {
            using var strip = MrzLineCropper.Crop(gray, line);
            engines.Read(strip);
            linesRead++;
        }
        ocrMs += watch.Elapsed.TotalMilliseconds;
    }

var exactTotal = exactByCondition.Values.Sum();
Console.WriteLine();
Console.WriteLine($"exact reads: {exactTotal}/{samples.Length} ({100.0 * exactTotal / samples.Length:F0} %)");
foreach (var (condition, count) in exactByCondition)
    Console.WriteLine($"  {condition,-14} {count}/{SampleDocuments.All.Count}");
Console.WriteLine($"latency per image over {timings.Count} reads: p50 {Percentile(0.50):F0} ms, p90 {Percentile(0.90):F0} ms, p99 {Percentile(0.99):F0} ms, max {timings[^1]:F0} ms, mean {timings.Average():F0} ms");

Console.WriteLine($"stages, mean per image: decode {decodeMs / samples.Length:F1} ms, locate {locateMs / samples.Length:F1} ms, crop + OCR {ocrMs / samples.Length:F1} ms ({ocrMs / linesRead:F1} ms per line)");

double Percentile(double p) => timings[Math.Min(timings.Count - 1, (int)Math.Ceiling(p * timings.Count) - 1)];

string? Argument(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
