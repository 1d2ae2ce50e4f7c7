namespace Verilock.Checks.Documents;

/// <summary>
/// A pass over the raw bytes of a PDF, before PdfPig opens it, that inflates every FlateDecode stream through
/// <see cref="BoundedInflate"/> and keeps nothing. It does not depend on which streams PdfPig routes through
/// <see cref="BoundedFilterProvider"/>: PdfPig 0.1.16 routes all we found, cross-reference streams included, but 0.1.15
/// inflated those with filters of its own, and an upgrade may add such a path again. It also refuses a file whose
/// streams together inflate past the budget, whichever of them PdfPig would read.
/// </summary>
internal static class PdfStreamPrescan
{
    static ReadOnlySpan<byte> StreamKeyword => "stream"u8;
    static ReadOnlySpan<byte> EndStreamKeyword => "endstream"u8;

    /// <summary>Null when every stream fits, else the sentence saying which limit a stream broke.</summary>
    public static string? Problem(byte[] pdf, DecodeLimits limits)
    {
        var budget = new PdfDecodeBudget(limits);
        try
        {
            var at = 0;
            while (NextStream(pdf, ref at, out var start, out var end))
                if (LooksLikeZlib(pdf.AsSpan(start, end - start)))
                    budget.Spend(BoundedInflate.Count(pdf.AsMemory(start, end - start), budget.StreamAllowance));
            return null;
        }
        catch (DecodeBudgetExceededException e)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// The next stream's data: after the <c>stream</c> keyword and its end of line (PDF 32000 §7.3.8.1), up to the next
    /// <c>endstream</c>. Compressed bytes that happen to spell <c>endstream</c> cut the count short; PdfPig reads such a
    /// stream by its /Length through <see cref="BoundedFilterProvider"/>, which bounds it as well.
    /// </summary>
    static bool NextStream(byte[] pdf, ref int at, out int start, out int end)
    {
        start = end = 0;
        while (at < pdf.Length)
        {
            var found = pdf.AsSpan(at).IndexOf(StreamKeyword);
            if (found < 0)
                break;
            var keyword = at + found;
            at = keyword + StreamKeyword.Length;
            // "endstream" contains "stream"; only a keyword that opens data is followed by an end of line.
            if (keyword >= 3 && pdf.AsSpan(keyword - 3, 3).SequenceEqual("end"u8))
                continue;
            if (at < pdf.Length && pdf[at] == '\r')
                at++;
            if (at >= pdf.Length || pdf[at] != '\n')
                continue;
            start = at + 1;
            var close = pdf.AsSpan(start).IndexOf(EndStreamKeyword);
            end = close < 0 ? pdf.Length : start + close;
            at = end;
            return true;
        }
        return false;
    }

    /// <summary>A zlib header: deflate with a window of at most 32 KiB, and the check bits of RFC 1950 §2.2.</summary>
    static bool LooksLikeZlib(ReadOnlySpan<byte> data) =>
        data.Length >= 2 && (data[0] & 0x0F) == 8 && (data[0] >> 4) <= 7 && ((data[0] << 8) | data[1]) % 31 == 0;
}
