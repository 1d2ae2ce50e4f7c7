using System.Text;

namespace Verilock.Domain.Mrz;

/// <summary>Reduces an OCR'd line to MRZ characters (A–Z, 0–9, &lt;).</summary>
internal static class MrzLineNormaliser
{
    /// <summary>
    /// The readings of one OCR line. Case is not a repair (OCR-B has no lower case). A space inside a line is either
    /// a gap OCR invented or a misread filler, so a line with inner spaces yields both readings; the parser keeps
    /// whichever fits a format and its check digits. Other stray characters are dropped and counted.
    /// </summary>
    public static IReadOnlyList<RepairedText> Variants(string ocrLine)
    {
        var gapsRemoved = new StringBuilder(ocrLine.Length);
        var gapsAsFillers = new StringBuilder(ocrLine.Length);
        var repairs = 0;
        var gaps = 0;
        foreach (var raw in ocrLine.Trim())
        {
            var c = char.ToUpperInvariant(raw);
            if (char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c) || c == '<')
            {
                gapsRemoved.Append(c);
                gapsAsFillers.Append(c);
            }
            else if (c is '«' or '‹' or '＜' or '≪')
            {
                gapsRemoved.Append('<');
                gapsAsFillers.Append('<');
                repairs++;
            }
            else if (char.IsWhiteSpace(c))
            {
                gapsAsFillers.Append('<');
                gaps++;
            }
            else
            {
                repairs++;
            }
        }

        var withoutGaps = new RepairedText(gapsRemoved.ToString(), repairs);
        return gaps == 0 ? [withoutGaps] : [withoutGaps, new RepairedText(gapsAsFillers.ToString(), repairs + gaps)];
    }
}
