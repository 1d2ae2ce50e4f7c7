namespace Verilock.Checks.Documents;

/// <summary>
/// How much memory decoding one upload may cost. Each limit is checked before or while the bytes are produced, never
/// after: an image's declared size is read from its header, and every PDF stream is inflated through a counter that
/// stops at the limit (<see cref="PdfDecodeBudget"/>). Over any of them, the upload is unreadable.
/// </summary>
public sealed class DecodeLimits
{
    /// <summary>An image (or a scan inside a PDF) declaring more pixels than this is refused from its header.</summary>
    public long MaxPixels { get; set; } = 40_000_000;

    /// <summary>
    /// The most one PDF stream may decode to. A 40-megapixel colour scan stored losslessly is 120 MB of samples, so
    /// the default keeps such a scan while refusing a stream that inflates a thousand-fold.
    /// </summary>
    public long MaxPdfStreamBytes { get; set; } = 160L * 1024 * 1024;

    /// <summary>
    /// The most all of a PDF's streams may decode to together: counted once over every compressed stream in the file,
    /// and again over what reading its first page decodes.
    /// </summary>
    public long MaxPdfDecodedBytes { get; set; } = 320L * 1024 * 1024;

    /// <summary>Each problem as a sentence naming the setting under <paramref name="section"/>.</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (MaxPixels < 1_000_000)
            yield return $"{section}:MaxPixels must be at least 1000000 (a phone photo is 12 million).";
        // One decoded stream is one .NET array, which holds at most 2 GB.
        if (MaxPdfStreamBytes < 1024 * 1024 || MaxPdfStreamBytes > int.MaxValue)
            yield return $"{section}:MaxPdfStreamBytes must be between 1048576 (1 MiB) and 2147483647.";
        if (MaxPdfDecodedBytes < MaxPdfStreamBytes)
            yield return $"{section}:MaxPdfDecodedBytes must be at least MaxPdfStreamBytes.";
    }
}
