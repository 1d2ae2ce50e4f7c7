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
    const int MaxZoneReads = 4;

    /// <summary>
    /// A first line read with less confidence than this, and not starting with a document code, is upside down
    /// or not print: the rest of that zone is skipped. Both tests are needed: the English fallback model reads
    /// filler-heavy lines correctly yet with near-zero confidence.
    /// </summary>
    const double NotTextConfidence = 0.45;

    const string DocumentCodeLetters = "ACIPV";

    readonly DocumentReaderOptions options;
    readonly TesseractPool engines;

    public MrzDocumentReader(DocumentReaderOptions options)
    {
        this.options = options;
        engines = ChooseModel(options);
    }

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
            return ReadZones(gray, MrzLocator.Locate(work, scale), today) with { Quality = quality };
        }
        catch (OpenCVException)
        {
            return new DocumentReadResult(DocumentReadOutcome.UnreadableImage, null, 0, "The image could not be processed.");
        }
    }

    DocumentReadResult ReadZones(Mat gray, IReadOnlyList<MrzCandidate> candidates, DateOnly today)
    {
        ZoneRead? best = null;
        var reads = 0;
        foreach (var zone in candidates.SelectMany(c => new[] { c, c.Flipped() }))
        {
            if (reads++ == MaxZoneReads)
                break;
            var read = ReadZone(gray, zone, today);
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

    ZoneRead ReadZone(Mat gray, MrzCandidate zone, DateOnly today)
    {
        var texts = new List<string>(zone.Lines.Count);
        var confidences = new List<double>(zone.Lines.Count);
        foreach (var line in zone.Lines)
        {
            using var strip = MrzLineCropper.Crop(gray, line);
            var (text, confidence) = engines.Read(strip);
            texts.Add(text);
            confidences.Add(confidence);
            if (texts.Count == 1 && confidence < NotTextConfidence && (text.Length == 0 || !DocumentCodeLetters.Contains(text[0])))
                return new ZoneRead(null, confidence);
        }
        return new ZoneRead(MrzParser.Parse(texts, today), confidences.Average());
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

    sealed record ZoneRead(MrzReading? Mrz, double Confidence)
    {
        public bool IsBetterThan(ZoneRead other) =>
            (Mrz is not null, Mrz?.IsValid ?? false, Mrz?.CheckDigits.PassingCount ?? 0, Confidence)
                .CompareTo((other.Mrz is not null, other.Mrz?.IsValid ?? false, other.Mrz?.CheckDigits.PassingCount ?? 0, other.Confidence)) > 0;
    }
}
