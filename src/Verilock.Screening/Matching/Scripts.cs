namespace Verilock.Screening.Matching;

/// <summary>The writing systems a name's letters come from, by Unicode block (.NET has no script property).</summary>
internal enum Script
{
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
    public static Script Of(char c)
    {
        if (!char.IsLetter(c))
            return Script.None;
        return c switch
        {
            // Spacing modifier letters and tone letters belong to no one script: Ukrainian writes its apostrophe as
            // U+02BC ("Лукʼян"), Hawaiian its ʻokina as U+02BB, Uzbek Latin its oʻ with U+02BB.
            >= '\u02B0' and <= '\u02FF' or >= '\uA700' and <= '\uA71F' => Script.None,
            <= '\u024F' => Script.Latin,
            >= '\u1E00' and <= '\u1EFF' => Script.Latin,
            >= '\u0370' and <= '\u03FF' or >= '\u1F00' and <= '\u1FFF' => Script.Greek,
            >= '\u0400' and <= '\u052F' => Script.Cyrillic,
            >= '\u0530' and <= '\u058F' => Script.Armenian,
            >= '\u10A0' and <= '\u10FF' => Script.Georgian,
            >= '\u0590' and <= '\u05FF' => Script.Hebrew,
            >= '\u0600' and <= '\u06FF' or >= '\u0750' and <= '\u077F' or >= '\u08A0' and <= '\u08FF'
                or >= '\uFB50' and <= '\uFDFF' or >= '\uFE70' and <= '\uFEFF' => Script.Arabic,
            >= '\u0700' and <= '\u074F' => Script.Syriac,
            >= '\u0780' and <= '\u07BF' => Script.Thaana,
            >= '\u0900' and <= '\u0DFF' => Script.Indic,
            >= '\u0E00' and <= '\u0E7F' => Script.Thai,
            >= '\u0E80' and <= '\u0EFF' => Script.Lao,
            >= '\u1200' and <= '\u139F' => Script.Ethiopic,
            >= '\u1100' and <= '\u11FF' or >= '\u2E80' and <= '\u9FFF' or >= '\uA960' and <= '\uA97F'
                or >= '\uAC00' and <= '\uD7FF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF66' and <= '\uFFDC' => Script.EastAsian,
            _ => Script.Other,
        };
    }

    /// <summary>
    /// Scripts that leave out most vowels (abjads) or whose transliteration drops inherent vowels
    /// (Indic): their romanisations are consonant skeletons, so matching leans on <see cref="PhoneticKey"/>.
    /// </summary>
    public static bool WritesFewVowels(Script script) =>
        script is Script.Arabic or Script.Hebrew or Script.Syriac or Script.Thaana or Script.Indic;

    /// <summary>AnyAscii writes East Asian syllables run together in CamelCase ("GimJeongEun"): split them.</summary>
    public static bool RunsSyllablesTogether(Script script) => script == Script.EastAsian;
}
