using OpenCvSharp;
using Verilock.Checks.Documents;

namespace Verilock.Bench.Mrz;

/// <summary>
/// For a missed image, what each stage saw (--stages): the candidate zones the locator ranked, and the text
/// Tesseract read from each line of each, both ways up. Tells a locating failure from a reading one.
/// </summary>
internal static class StageReport
{
    public static void Print(TextWriter output, byte[] file, TesseractPool engines, string? imageDirectory = null, string name = "", MrzTextDetector? detector = null)
    {
        using var gray = UploadDecoder.DecodeGray(file, new DecodeLimits(), out _);
        if (gray is null)
            return;
        using var work = MrzLocator.ToWorkScale(gray, out var scale);
        var candidates = MrzLocator.Locate(work, scale);
        if (imageDirectory is not null)
        {
            work.SaveImage(Path.Combine(imageDirectory, name + "-work.png"));
            var index = 0;
            foreach (var mask in MrzLocator.LineMasks(work))
                using (mask)
                    mask.SaveImage(Path.Combine(imageDirectory, $"{name}-mask{index++}.png"));
        }
        output.WriteLine($"      {gray.Width}×{gray.Height}, {candidates.Count} candidates");
        PrintCandidates(output, gray, candidates, engines);
        if (detector is null)
            return;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var detected = detector.Locate(gray);
        output.WriteLine($"      text detector: {detected.Count} candidates in {watch.Elapsed.TotalMilliseconds:F0} ms");
        if (imageDirectory is not null)
            using (var map = detector.TextMask(gray, out _))
                map.SaveImage(Path.Combine(imageDirectory, name + "-detector.png"));
        PrintCandidates(output, gray, detected, engines);
    }

    static void PrintCandidates(TextWriter output, Mat gray, IReadOnlyList<MrzCandidate> candidates, TesseractPool engines)
    {
        foreach (var candidate in candidates)
        {
            var first = candidate.Lines[0];
            output.WriteLine($"      candidate score {candidate.Score:F0}: {candidate.Lines.Count} lines, first at ({first.Center.X:F0},{first.Center.Y:F0}) length {first.Length:F0} height {first.Height:F1}");
            foreach (var zone in new[] { candidate, candidate.Flipped() })
                output.WriteLine("        " + string.Join(" | ", zone.Lines.Select(line =>
                {
                    using var strip = MrzLineCropper.Crop(gray, line);
                    var (text, confidence) = engines.Read(strip);
                    return $"{text} ({confidence:F2})";
                })));
        }
    }
}
