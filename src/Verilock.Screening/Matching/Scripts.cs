using System.Globalization;
using System.Text;

namespace Verilock.Screening.Matching;

/// <summary>The writing systems a name's letters come from, by Unicode block (.NET has no script property).</summary>
internal enum Script
{
    /// <summary>
    /// No one script: Unicode's Script=Common (digits, spaces, punctuation, modifier letters such as the
    /// apostrophe U+02BC) and Script=Inherited (combining marks, which take the script of the letter they sit on).
    /// </summary>
    None,
    Latin,
    Greek,
    Cyrillic,
    Armenian,
    Georgian,
    Hebrew,
    Arabic,
    Syriac,
    Thaana,
    Indic,
    Thai,
    Lao,
    Ethiopic,
    /// <summary>Han, kana and Hangul together: Japanese and Korean names mix them legitimately.</summary>
    EastAsian,
    Other,
}

internal static class Scripts
{
    /// <summary>The script of the character at <paramref name="index"/>; a surrogate pair is read as one character.</summary>
    public static Script Of(string text, int index)
    {
        // An unpaired surrogate decodes as U+FFFD, a symbol: no script.
        Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out _);
        return Of(rune);
    }

    /// <summary>
    /// Letters and marks vote for the script of their block, unless <see cref="IsScriptNeutral"/>; everything else
    /// (digits, spaces, punctuation such as U+0027, U+2019 and the katakana middle dot U+30FB, ZWNJ/ZWJ) is
    /// <see cref="Script.None"/>.
    /// </summary>
    public static Script Of(Rune rune)
    {
        var category = Rune.GetUnicodeCategory(rune);
        var isMark = category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark;
        var isLetter = category is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;
        if (!isMark && !isLetter || IsScriptNeutral(rune.Value))
            return Script.None;
        var script = ByBlock(rune.Value);
        // A mark in a script's own block (a Devanagari vowel sign, a Hebrew point) is that script's; one from a block
        // this table does not name (Khmer, Tibetan…) is taken, like the generic diacritics, to inherit its letter's.
        return isMark && script == Script.Other ? Script.None : script;
    }

    /// <summary>
    /// Letters and marks that Unicode puts in Script=Common or Inherited because several scripts write them: they
    /// never count as a second script, so "Лукʼян", "Kaʻiulani", "محمـــد" or a decomposed "José" are one script.
    /// Characters of this kind used by one script family only (the prolonged sound mark U+30FC, shared by the two
    /// kana; iteration marks) are left to their block, which counts them with that family.
    /// </summary>
    private static bool IsScriptNeutral(int c) => c switch
    {
        // Combining diacritics, written decomposed: Latin and Cyrillic accents, the Cyrillic stress mark U+0301.
        >= 0x0300 and <= 0x036F or >= 0x1AB0 and <= 0x1AFF or >= 0x1DC0 and <= 0x1DFF
            or >= 0x20D0 and <= 0x20FF or >= 0xFE20 and <= 0xFE2F => true,
        // Spacing modifier and tone letters: the Ukrainian apostrophe U+02BC, the Hawaiian ʻokina and Uzbek oʻ U+02BB.
        >= 0x02B0 and <= 0x02FF or >= 0xA700 and <= 0xA71F => true,
        // Arabic tatweel (a stretch of the joining line) and harakat, also written in Syriac and other Arabic-script text.
        0x0640 or >= 0x064B and <= 0x065F or 0x0670 => true,
        _ => false,
    };

    private static Script ByBlock(int c) => c switch
    {
        <= 0x02AF or >= 0x1E00 and <= 0x1EFF or >= 0x2C60 and <= 0x2C7F or >= 0xA720 and <= 0xA7FF
            or >= 0xAB30 and <= 0xAB6F or >= 0xFB00 and <= 0xFB06 or >= 0xFF21 and <= 0xFF5A => Script.Latin,
        >= 0x0370 and <= 0x03FF or >= 0x1F00 and <= 0x1FFF => Script.Greek,
        >= 0x0400 and <= 0x052F or >= 0x1C80 and <= 0x1C8F or >= 0x2DE0 and <= 0x2DFF or >= 0xA640 and <= 0xA69F => Script.Cyrillic,
        >= 0x0530 and <= 0x058F or >= 0xFB13 and <= 0xFB17 => Script.Armenian,
        >= 0x10A0 and <= 0x10FF or >= 0x1C90 and <= 0x1CBF or >= 0x2D00 and <= 0x2D2F => Script.Georgian,
        >= 0x0590 and <= 0x05FF or >= 0xFB1D and <= 0xFB4F => Script.Hebrew,
        >= 0x0600 and <= 0x06FF or >= 0x0750 and <= 0x077F or >= 0x0870 and <= 0x08FF
            or >= 0xFB50 and <= 0xFDFF or >= 0xFE70 and <= 0xFEFF => Script.Arabic,
        >= 0x0700 and <= 0x074F or >= 0x0860 and <= 0x086F => Script.Syriac,
        >= 0x0780 and <= 0x07BF => Script.Thaana,
        >= 0x0900 and <= 0x0DFF or >= 0x1CD0 and <= 0x1CFF or >= 0xA8E0 and <= 0xA8FF => Script.Indic,
        >= 0x0E00 and <= 0x0E7F => Script.Thai,
        >= 0x0E80 and <= 0x0EFF => Script.Lao,
        >= 0x1200 and <= 0x139F => Script.Ethiopic,
        >= 0x1100 and <= 0x11FF or >= 0x2E80 and <= 0x9FFF or >= 0xA960 and <= 0xA97F or >= 0xAC00 and <= 0xD7FF
            or >= 0xF900 and <= 0xFAFF or >= 0xFF66 and <= 0xFFDC
            or >= 0x1B000 and <= 0x1B16F or >= 0x20000 and <= 0x3FFFF => Script.EastAsian, // kana supplements, rare Han
        _ => Script.Other,
    };

    /// <summary>
    /// Scripts that leave out most vowels (abjads) or whose transliteration drops inherent vowels
    /// (Indic): their romanisations are consonant skeletons, so matching leans on <see cref="PhoneticKey"/>.
    /// </summary>
    public static bool WritesFewVowels(Script script) =>
        script is Script.Arabic or Script.Hebrew or Script.Syriac or Script.Thaana or Script.Indic;

    /// <summary>AnyAscii writes East Asian syllables run together in CamelCase ("GimJeongEun"): split them.</summary>
    public static bool RunsSyllablesTogether(Script script) => script == Script.EastAsian;
}
