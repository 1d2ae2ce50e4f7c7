using System.Collections.Concurrent;
using OpenCvSharp;
using OpenCvSharp.Text;

namespace Verilock.Checks.Documents;

/// <summary>
/// Tesseract engines for reading single MRZ lines, through the Tesseract 5 that OpenCvSharp's official
/// runtime links in (its <c>text</c> module's <see cref="OCRTesseract"/>). An engine is not thread-safe, so each
/// read borrows one; the pool grows to the number of reads in flight at once (one per worker) and keeps them,
/// since loading a model costs far more than a read.
/// </summary>
internal sealed class TesseractPool : IDisposable
{
    const string MrzAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<";
    const int LstmOnly = 1;
    const int SingleLine = 7;

    readonly ConcurrentBag<OCRTesseract> idle = [];
    readonly string tessdataDirectory;
    bool disposed;

    public TesseractPool(string tessdataDirectory, string language)
    {
        this.tessdataDirectory = tessdataDirectory;
        Language = language;
        // Load one engine now so a broken model fails at start-up, not on the first applicant.
        idle.Add(Create());
    }

    public string Language { get; }

    /// <summary>Reads one line strip; confidence is Tesseract's, scaled to 0..1.</summary>
    public (string Text, double Confidence) Read(Mat strip)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var engine = idle.TryTake(out var pooled) ? pooled : Create();
        try
        {
            engine.Run(strip, out var text, out _, out var parts, out var confidences, ComponentLevels.TextLine);
            var confidence = parts.Length == 0 ? 0 : confidences.Average() / 100.0;
            return (text.Replace("\n", "").Replace(" ", ""), Math.Clamp(confidence, 0, 1));
        }
        finally
        {
            idle.Add(engine);
        }
    }

    OCRTesseract Create() => OCRTesseract.Create(tessdataDirectory, Language, MrzAlphabet, LstmOnly, SingleLine);

    public void Dispose()
    {
        disposed = true;
        while (idle.TryTake(out var engine))
            engine.Dispose();
    }
}
