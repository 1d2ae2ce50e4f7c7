using System.Globalization;
using System.Text;

namespace Verilock.Screening.Matching;

/// <summary>
/// Drops the vowel points of Hebrew and the harakat of Arabic before a name is transliterated: names are
/// published without them, and AnyAscii would spell a pointed "שְׁלֹמֹה" as "sehlomoh" beside the unpointed
/// "slmh", too far apart to match. Other scripts' marks stay: Indic vowel signs are letters of the word, and
/// Latin or Cyrillic accents written decomposed are dropped by AnyAscii itself. (Composing them first, NFC,
/// is not possible here: the server runs with invariant globalisation, where <c>string.Normalize</c> leaves
/// non-ASCII text as it is; a decomposed "И" + U+0306 reads "i" where "Й" reads "y", which matching absorbs.)
/// </summary>
internal static class OptionalMarks
{
    public static string Remove(string name)
    {
        if (!name.Any(IsOptionalPoint))
            return name;
        var kept = new StringBuilder(name.Length);
        foreach (var c in name)
        {
            if (!IsOptionalPoint(c))
                kept.Append(c);
        }
        return kept.ToString();
    }

    /// <summary>Hebrew points and cantillation (U+0591–U+05C7), Arabic harakat and Quranic marks: the nonspacing marks of those blocks.</summary>
    private static bool IsOptionalPoint(char c) =>
        (c is >= '\u0591' and <= '\u05C7' or >= '\u0610' and <= '\u06ED' or >= '\u08D3' and <= '\u08FF')
        && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark;
}
