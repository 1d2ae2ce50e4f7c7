namespace Verilock.Checks.Documents;

/// <summary>
/// What one PDF may still decode to: a per-stream and a running total limit from <see cref="DecodeLimits"/>. Not
/// thread-safe; one budget serves one pass over one upload. The first refusal is kept because PdfPig's lenient
/// parsing swallows some exceptions (a damaged object stream is skipped), and a refused stream must still refuse the
/// upload rather than leave it looking like a PDF with nothing on its page.
/// </summary>
internal sealed class PdfDecodeBudget(DecodeLimits limits)
{
    long spent;

    public string? Refusal { get; private set; }

    /// <summary>The most the stream being decoded may still produce: its own limit or what the file has left, the smaller.</summary>
    public long StreamAllowance => Math.Min(limits.MaxPdfStreamBytes, limits.MaxPdfDecodedBytes - spent);

    /// <summary>Counts <paramref name="bytes"/> decoded by one stream; throws once the stream or the file is over its limit.</summary>
    public void Spend(long bytes)
    {
        Check(bytes);
        spent += bytes;
    }

    /// <summary>Throws if a stream decoding to <paramref name="bytes"/> would be over its limit or the file's.</summary>
    public void Check(long bytes)
    {
        if (bytes > limits.MaxPdfStreamBytes)
            Refuse($"A stream in the PDF decodes to more than {Mebibytes(limits.MaxPdfStreamBytes)} MiB.");
        if (spent + bytes > limits.MaxPdfDecodedBytes)
            Refuse($"The PDF's contents decode to more than {Mebibytes(limits.MaxPdfDecodedBytes)} MiB.");
    }

    /// <summary>Refuses a stream whose worst-case output, known before decoding, exceeds what is left.</summary>
    public void RefuseIfMayExceed(long worstCase)
    {
        if (worstCase > StreamAllowance)
            Refuse("A stream in the PDF may decode to more than the limit allows.");
    }

    void Refuse(string sentence)
    {
        Refusal ??= sentence;
        throw new DecodeBudgetExceededException(sentence);
    }

    static long Mebibytes(long bytes) => bytes / (1024 * 1024);
}

/// <summary>Thrown out of a filter when a stream would decode past its budget; <see cref="PdfScan"/> turns it into an unreadable upload.</summary>
internal sealed class DecodeBudgetExceededException(string message) : Exception(message);
