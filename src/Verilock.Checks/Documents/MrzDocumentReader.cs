using OpenCvSharp;
using Verilock.Domain.Mrz;

namespace Verilock.Checks.Documents;

/// <summary>
/// Reads the machine-readable zone of an uploaded document photo or PDF scan: decode (with size limits
/// checked from the header), locate candidate zones in any of the four orientations, OCR their lines with
/// an OCR-B Tesseract model, and let <see cref="MrzParser"/> repair and validate the text. Thread-safe: one
/// instance serves every worker, borrowing a Tesseract engine per read.
/// </summary>
public sealed class MrzDocumentReader : IDisposable
{
    /// <summary>Zone reads per upload (a candidate read one way up is one): bounds the time a confusing photo costs.</summary>
    const int MaxZoneReads = 16;

    /// <summary>Zone reads of mirrored strips, after every ordinary read found nothing: the two best candidates, both ways up.</summary>
    const int MirroredZoneReads = 4;

    /// <summary>Zones the second recogniser reads, after no ordinary read validated: the ones that read most like an MRZ.</summary>
    const int RecognizerZoneReads = 2;

    /// <summary>Extra passes over a zone that looks like an MRZ but does not validate, in order of cost.</summary>
    static readonly StripStyle[] RevoteStyles = [StripStyle.Cleaned, StripStyle.CleanedLarge];

    /// <summary>
    /// A first line read with less confidence than this, and not starting with a document code, is upside down
    /// or not print: the rest of that zone is skipped. Both tests are needed: the English fallback model reads
    /// filler-heavy lines correctly yet with near-zero confidence.
    /// </summary>
    const double NotTextConfidence = 0.45;

    const string DocumentCodeLetters = "ACIPV";

    readonly DocumentReaderOptions options;
    readonly TesseractPool engines;
    readonly MrzTextDetector? detector;
    readonly MrzLineRecognizer? recognizer;

    public MrzDocumentReader(DocumentReaderOptions options)
    {
        this.options = options;
        engines = ChooseModel(options);
        var detectorPath = Path.Combine(options.TessdataDirectory, options.TextDetectorFile);
        if (File.Exists(detectorPath))
            detector = new MrzTextDetector(detectorPath);
        var recognizerPath = Path.Combine(options.TessdataDirectory, options.TextRecognizerFile);
        var dictionaryPath = Path.Combine(options.TessdataDirectory, options.TextRecognizerDictionaryFile);
        if (File.Exists(recognizerPath) && File.Exists(dictionaryPath))
            recognizer = new MrzLineRecognizer(recognizerPath, dictionaryPath);
    }

    /// <summary>Whether the learned text detector is loaded (its file is in the models folder).</summary>
    public bool HasTextDetector => detector is not null;

    /// <summary>The Tesseract model in use: the configured OCR-B model, or the fallback when its file is missing.</summary>
    public string OcrLanguage => engines.Language;

    public DocumentReadResult Read(ReadOnlySpan<byte> file, DateOnly today)
    {
        try
        {
            using var gray = UploadDecoder.DecodeGray(file, options.Limits, out var problem);
            if (gray is null)
                return new DocumentReadResult(DocumentReadOutcome.UnreadableImage, null, 0, problem);
            using var work = MrzLocator.ToWorkScale(gray, out var scale);
            var quality = ImageQuality.Measure(work);
            var located = MrzLocator.Locate(work, scale);
            var result = ReadZones(gray, located, today);
            if (result.Outcome != DocumentReadOutcome.MrzRead && Math.Max(gray.Width, gray.Height) > MrzLocator.WorkLongSide * 1.5)
            {
                // Small print in a large frame: look again at twice the detail; keep whichever read is better.
                using var detail = MrzLocator.ToWorkScale(gray, out var detailScale, MrzLocator.DetailLongSide);
                var second = ReadZones(gray, MrzLocator.Locate(detail, detailScale), today);
                if (IsBetter(second, result))
                    result = second;
            }
            if (result.Outcome != DocumentReadOutcome.MrzRead && detector is not null)
            {
                var detected = detector.Locate(gray);
                var third = ReadZones(gray, detected, today);
                if (IsBetter(third, result))
                    result = third;
                if (result.Outcome != DocumentReadOutcome.MrzRead)
                {
                    var fourth = ReadZones(gray, TileCandidates(gray, located, detected), today);
                    if (IsBetter(fourth, result))
                        result = fourth;
                }
            }
            return result with { Quality = quality };
        }
        catch (OpenCVException)
        {
            return new DocumentReadResult(DocumentReadOutcome.UnreadableImage, null, 0, "The image could not be processed.");
        }
    }

    /// <summary>Tiles the detector looks at again, at twice the detail, when no look read a zone: the best candidates of the locator and of the detector.</summary>
    const int TileLooks = 2;

    /// <summary>
    /// Small print under heavy blur: the whole-frame text map runs the zone's lines together with the print around
    /// them, so the detector looks again at a tile around the best candidate of each earlier look, magnified. Its
    /// zones are ranked by the detector's own score across both tiles.
    /// </summary>
    IReadOnlyList<MrzCandidate> TileCandidates(Mat gray, IReadOnlyList<MrzCandidate> located, IReadOnlyList<MrzCandidate> detected) =>
        located.Take(1).Concat(detected.Take(1)).Take(TileLooks)
            .SelectMany(zone => detector!.LocateAround(gray, zone))
            .OrderByDescending(c => c.Score)
            .ToArray();

    /// <summary>
    /// Which look's result to report: a trusted read, then a reading whose check digits all hold (even if the OCR was
    /// unsure), then the one with more agreeing check digits, then the surer one. A valid reading of the second look
    /// must not lose to a first look's reading that fails its check digits.
    /// </summary>
    static bool IsBetter(DocumentReadResult candidate, DocumentReadResult current) =>
        Rank(candidate).CompareTo(Rank(current)) > 0;

    static (bool, bool, bool, int, double) Rank(DocumentReadResult result) =>
        (result.Outcome == DocumentReadOutcome.MrzRead, result.Mrz is not null, result.Mrz?.IsValid ?? false,
            result.Mrz?.CheckDigits.PassingCount ?? 0, result.OcrConfidence);

    DocumentReadResult ReadZones(Mat gray, IReadOnlyList<MrzCandidate> candidates, DateOnly today)
    {
        ZoneRead? best = null;
        var revoted = new List<ZoneRead>();
        var reads = 0;
        var zones = candidates.SelectMany(c => new[] { c, c.Flipped() }).ToArray();
        foreach (var zone in zones)
        {
            if (reads++ == MaxZoneReads)
                break;
            var read = ReadZone(gray, zone, StripStyle.Plain, today);
            if (read.Mrz is { IsValid: true } && read.Confidence >= options.MinConfidence)
                return new DocumentReadResult(DocumentReadOutcome.MrzRead, read.Mrz, read.Confidence, null);
            if (best is null || read.IsBetterThan(best))
                best = read;
            if (read.Passes is not null)
                revoted.Add(read);
        }
        // The second recogniser reads the zones that read most like an MRZ once more; its vote often supplies the
        // characters Tesseract got wrong in every pass. When Tesseract read no zone as text at all (blur, low
        // contrast), it reads the best-ranked candidate both ways up alone. Only a few zones: each line costs more
        // than a Tesseract pass.
        if (recognizer is not null)
        {
            var again = revoted.OrderByDescending(r => r, ZoneRead.Quality).Select(r => (Zone: r.Zone!, Passes: r.Passes!))
                .Concat(zones.Take(2).Where(z => revoted.All(r => r.Zone != z)).Select(z => (Zone: z, Passes: (IReadOnlyList<ZonePass>)[])))
                .Take(RecognizerZoneReads);
            foreach (var (zone, own) in again)
            {
                var passes = Pooled(zone, own, revoted);
                var (mrz, confidence) = MrzPassVoting.Best([.. passes, RecognizerPass(gray, zone)], today, characterVote: true);
                if (mrz is { IsValid: true } && confidence >= options.MinConfidence)
                    return new DocumentReadResult(DocumentReadOutcome.MrzRead, mrz, confidence, null);
                var voted = new ZoneRead(mrz, confidence);
                if (best is null || voted.IsBetterThan(best))
                    best = voted;
            }
        }
        // A front camera saves its photo mirrored: the zone is found like any other but reads as nonsense either
        // way up. Only when nothing parsed with a single agreeing check digit are the best candidates read mirrored.
        if (best?.Mrz is null || best.Mrz.CheckDigits.PassingCount == 0)
            foreach (var zone in zones.Take(MirroredZoneReads))
            {
                var read = ReadZone(gray, zone, StripStyle.Mirrored, today);
                if (read.Mrz is { IsValid: true } && read.Confidence >= options.MinConfidence)
                    return new DocumentReadResult(DocumentReadOutcome.MrzRead, read.Mrz, read.Confidence, null);
                if (best is null || read.IsBetterThan(best))
                    best = read;
            }
        if (best?.Mrz is null)
            return new DocumentReadResult(DocumentReadOutcome.NoMrzFound, null, best?.Confidence ?? 0,
                "No machine-readable zone was found. Photograph the page with the two or three lines of <<< characters, flat and in full view.");
        var problem = best.Mrz.IsValid
            ? "The machine-readable zone was read, but not clearly enough to rely on. Retake the photo in even light, in focus."
            : "The machine-readable zone was found, but its check digits do not add up. Retake the photo in even light, in focus, without glare.";
        return new DocumentReadResult(DocumentReadOutcome.LowConfidence, best.Mrz, best.Confidence, problem);
    }

    /// <summary>
    /// Reads a zone from strips of <paramref name="style"/>; when that does not validate but the zone reads as
    /// text (its first line passed <see cref="StartsLikeMrz"/> and the line test), reads it again from cleaned
    /// strips and lets the check digits pick among the passes (<see cref="MrzPassVoting"/>).
    /// </summary>
    ZoneRead ReadZone(Mat gray, MrzCandidate zone, StripStyle style, DateOnly today)
    {
        var first = ReadPass(gray, zone, style, stopWhenNotText: true);
        if (first.Lines.Count < zone.Lines.Count)
            return new ZoneRead(null, first.Lines[0].Confidence);
        var passes = new List<ZonePass> { first };
        var (mrz, confidence) = MrzPassVoting.Best(passes, today);
        if (mrz is { IsValid: true } && confidence >= options.MinConfidence || style == StripStyle.Mirrored)
            return new ZoneRead(mrz, confidence);
        foreach (var revote in RevoteStyles)
        {
            passes.Add(ReadPass(gray, zone, revote, stopWhenNotText: false));
            (mrz, confidence) = MrzPassVoting.Best(passes, today);
            if (mrz is { IsValid: true } && confidence >= options.MinConfidence)
                return new ZoneRead(mrz, confidence);
        }
        return new ZoneRead(mrz, confidence, zone, passes);
    }

    /// <summary>
    /// The zone's own passes and those of every other zone read over the same lines: the locator's masks and the
    /// detector find one zone several times with slightly different boxes, and a character every pass of one box
    /// misreads is often read right from another.
    /// </summary>
    static IReadOnlyList<ZonePass> Pooled(MrzCandidate zone, IReadOnlyList<ZonePass> own, List<ZoneRead> reads)
    {
        var pooled = own.ToList();
        foreach (var other in reads)
            if (other.Zone != zone && SameLines(zone, other.Zone!))
                pooled.AddRange(other.Passes!);
        return pooled;
    }

    /// <summary>Two candidates over the same print, read the same way: as many lines, each within a line height of the other's and running the same way.</summary>
    static bool SameLines(MrzCandidate a, MrzCandidate b) =>
        a.Lines.Count == b.Lines.Count && a.Lines.Zip(b.Lines).All(pair =>
        {
            var (x, y) = pair;
            var (dx, dy) = (x.Center.X - y.Center.X, x.Center.Y - y.Center.Y);
            return MathF.Sqrt(dx * dx + dy * dy) < Math.Min(x.Height, y.Height)
                   && x.Direction.X * y.Direction.X + x.Direction.Y * y.Direction.Y > 0.9f
                   && MathF.Abs(x.Length - y.Length) < 0.1f * Math.Max(x.Length, y.Length);
        });

    /// <summary>The zone's lines read by the second recogniser, from plain strips.</summary>
    ZonePass RecognizerPass(Mat gray, MrzCandidate zone)
    {
        var lines = new List<(string Text, double Confidence)>(zone.Lines.Count);
        foreach (var line in zone.Lines)
        {
            using var strip = MrzLineCropper.Crop(gray, line, StripStyle.Plain);
            lines.Add(recognizer!.Read(strip));
        }
        return new ZonePass(lines);
    }

    ZonePass ReadPass(Mat gray, MrzCandidate zone, StripStyle style, bool stopWhenNotText)
    {
        if (stopWhenNotText && !StartsLikeMrz(gray, zone.Lines[0], style, out var probe))
            return new ZonePass([probe]);
        var lines = new List<(string Text, double Confidence)>(zone.Lines.Count);
        foreach (var line in zone.Lines)
        {
            using var strip = MrzLineCropper.Crop(gray, line, style);
            var (text, confidence) = engines.Read(strip);
            lines.Add((text, confidence));
            if (stopWhenNotText && lines.Count == 1 && confidence < NotTextConfidence && (text.Length == 0 || !DocumentCodeLetters.Contains(text[0])))
                break;
        }
        return new ZonePass(lines);
    }

    /// <summary>
    /// Reads only the first quarter of a zone's first line (about a quarter of the cost of the line) and says
    /// whether it could be the start of an MRZ: most candidates on a cluttered photo are other print, and this
    /// turns each of them away cheaply, so many more can be tried. For a mirrored read the quarter is cut from the
    /// other end of the box, which is where the line starts once the strip is flipped.
    /// </summary>
    bool StartsLikeMrz(Mat gray, TextLineBox line, StripStyle style, out (string Text, double Confidence) probe)
    {
        var quarter = line.Length / 4f;
        // A mirrored strip is flipped after cutting: the line's first characters lie at the far end of the box.
        var side = style == StripStyle.Mirrored ? 1f : -1f;
        var start = line with
        {
            Center = new Point2f(line.Center.X + side * line.Direction.X * (line.Length - quarter) / 2f, line.Center.Y + side * line.Direction.Y * (line.Length - quarter) / 2f),
            Length = quarter,
        };
        using var strip = MrzLineCropper.Crop(gray, start, style);
        probe = engines.Read(strip);
        return probe.Confidence >= NotTextConfidence || probe.Text.Length > 0 && DocumentCodeLetters.Contains(probe.Text[0]);
    }

    static TesseractPool ChooseModel(DocumentReaderOptions options)
    {
        if (File.Exists(Path.Combine(options.TessdataDirectory, options.Language + ".traineddata")))
            return new TesseractPool(options.TessdataDirectory, options.Language);
        if (File.Exists(Path.Combine(options.FallbackTessdataDirectory, options.FallbackLanguage + ".traineddata")))
            return new TesseractPool(options.FallbackTessdataDirectory, options.FallbackLanguage);
        throw new InvalidOperationException(
            $"No OCR model: neither {options.Language}.traineddata in {options.TessdataDirectory} nor {options.FallbackLanguage}.traineddata in " +
            $"{options.FallbackTessdataDirectory} exists. Run scripts/setup, which fetches the OCR-B model.");
    }

    public void Dispose() => engines.Dispose();

    /// <param name="Zone">The zone, when it was read as text and voted on (<paramref name="Passes"/>), so another pass can join the vote.</param>
    sealed record ZoneRead(MrzReading? Mrz, double Confidence, MrzCandidate? Zone = null, IReadOnlyList<ZonePass>? Passes = null)
    {
        public static readonly IComparer<ZoneRead> Quality = Comparer<ZoneRead>.Create((a, b) => a.IsBetterThan(b) ? 1 : b.IsBetterThan(a) ? -1 : 0);

        public bool IsBetterThan(ZoneRead other) =>
            (Mrz is not null, Mrz?.IsValid ?? false, Mrz?.CheckDigits.PassingCount ?? 0, Confidence)
                .CompareTo((other.Mrz is not null, other.Mrz?.IsValid ?? false, other.Mrz?.CheckDigits.PassingCount ?? 0, other.Confidence)) > 0;
    }
}
