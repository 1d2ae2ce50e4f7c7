using UglyToad.PdfPig;

namespace Verilock.Checks.Documents;

/// <summary>
/// Takes the scanned picture out of a PDF upload: the largest image drawn on page 1, as the JPEG it is stored
/// as (DCTDecode) or as a PNG PdfPig rebuilds from the decoded samples. Nothing is rendered: a PDF of typed
/// text with no scan has no document photo to check. Only page 1 is opened, whatever the page count.
/// Decoding is bounded by <see cref="DecodeLimits"/>: the file's compressed streams are counted first
/// (<see cref="PdfStreamPrescan"/>), and everything PdfPig decodes goes through <see cref="BoundedFilterProvider"/>.
/// </summary>
internal static class PdfScan
{
    public static byte[]? ExtractFirstPageImage(ReadOnlySpan<byte> file, DecodeLimits limits, out string? problem)
    {
        var pdf = file.ToArray();
        problem = PdfStreamPrescan.Problem(pdf, limits);
        if (problem is not null)
            return null;
        var budget = new PdfDecodeBudget(limits);
        try
        {
            var scan = Extract(pdf, limits.MaxPixels, budget, out problem);
            // A refusal PdfPig swallowed still refuses the upload: what it read after is incomplete.
            if (budget.Refusal is not null)
            {
                problem = budget.Refusal;
                return null;
            }
            return scan;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig throws a range of exception types for malformed files; all mean the same to the applicant.
            problem = budget.Refusal ?? "The PDF file is damaged or encrypted.";
            return null;
        }
    }

    static byte[]? Extract(byte[] pdf, long maxPixels, PdfDecodeBudget budget, out string? problem)
    {
        problem = null;
        var options = new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true, FilterProvider = new BoundedFilterProvider(budget) };
        using var document = PdfDocument.Open(pdf, options);
        if (document.NumberOfPages < 1)
        {
            problem = "The PDF has no pages.";
            return null;
        }
        var image = document.GetPage(1).GetImages()
            .OrderByDescending(i => (long)i.WidthInSamples * i.HeightInSamples)
            .FirstOrDefault();
        if (image is null)
        {
            problem = "The PDF's first page holds no scanned image.";
            return null;
        }
        if ((long)image.WidthInSamples * image.HeightInSamples > maxPixels)
        {
            problem = "The scan inside the PDF is too large to process.";
            return null;
        }
        if (IsJpeg(image.RawMemory.Span))
            return image.RawMemory.ToArray();
        if (image.TryGetPng(out var png))
            return png;
        problem = "The scan inside the PDF is stored in a format that cannot be decoded.";
        return null;
    }

    static bool IsJpeg(ReadOnlySpan<byte> bytes) => bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
}
