using UglyToad.PdfPig;

namespace Verilock.Checks.Documents;

/// <summary>
/// Takes the scanned picture out of a PDF upload: the largest image drawn on page 1, as the JPEG it is stored
/// as (DCTDecode) or as a PNG PdfPig rebuilds from the decoded samples. Nothing is rendered: a PDF of typed
/// text with no scan has no document photo to check.
/// </summary>
internal static class PdfScan
{
    public static byte[]? ExtractFirstPageImage(ReadOnlySpan<byte> file, long maxPixels, out string? problem)
    {
        problem = null;
        try
        {
            using var document = PdfDocument.Open(file.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
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
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // PdfPig throws a range of exception types for malformed files; all mean the same to the applicant.
            problem = "The PDF file is damaged or encrypted.";
            return null;
        }
    }

    static bool IsJpeg(ReadOnlySpan<byte> bytes) => bytes.Length > 3 && bytes[0] == 0xFF && bytes[1] == 0xD8 && bytes[2] == 0xFF;
}
