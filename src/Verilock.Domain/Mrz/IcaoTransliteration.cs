namespace Verilock.Domain.Mrz;

/// <summary>
/// Writes a name the way ICAO 9303 Part 3 §6 puts it into an MRZ: Latin letters with diacritics reduced, the
/// national ligatures and Cyrillic spelled out. Where the standard allows two spellings (Ä as AE or A, Ü as UE or U…)
/// every combination is returned, so a caller can accept whichever one the issuing state chose.
/// </summary>
internal static class IcaoTransliteration
{
    // More alternatives than this in one name is no real name; the first spelling of each then stands alone.
    private const int MaxSpellings = 64;

    private static readonly Dictionary<char, string[]> Table = BuildTable();

    /// <summary>
    /// Every ICAO spelling of <paramref name="name"/>, each as words of A–Z. Spaces and hyphens separate words;
    /// apostrophes and other punctuation are dropped, as ICAO omits them.
    /// </summary>
    public static IReadOnlyList<string[]> Spellings(string name)
    {
        var spellings = new List<string> { "" };
        foreach (var raw in name)
        {
            var options = OptionsFor(char.ToUpperInvariant(raw));
            if (spellings.Count * options.Length > MaxSpellings)
                options = options[..1];
            spellings = spellings.SelectMany(prefix => options.Select(option => prefix + option)).ToList();
        }

        return spellings
            .Select(spelling => spelling.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(words => words.Length > 0)
            .ToList();
    }

    private static string[] OptionsFor(char c) =>
        char.IsAsciiLetterUpper(c) ? [c.ToString()]
        : char.IsWhiteSpace(c) || c is '-' or '‐' or '‑' or '–' or '<' ? [" "]
        : Table.GetValueOrDefault(c) ?? [""];

    private static Dictionary<char, string[]> BuildTable()
    {
        var table = new Dictionary<char, string[]>();
        void Add(string letters, params string[] spellings)
        {
            foreach (var letter in letters)
                table[letter] = spellings;
        }

        // Latin (Part 3, Table of multinational Latin-based characters).
        Add("ÀÁÂÃĀĂĄǍ", "A");
        Add("Ä", "AE", "A");
        Add("Å", "AA", "A");
        Add("Æ", "AE");
        Add("ÇĆĈĊČ", "C");
        Add("ĎĐÐ", "D");
        Add("ÈÉÊËĒĔĖĘĚ", "E");
        Add("ĜĞĠĢ", "G");
        Add("ĤĦ", "H");
        Add("ÌÍÎÏĨĪĬĮİı", "I");
        Add("Ĳ", "IJ");
        Add("Ĵ", "J");
        Add("Ķ", "K");
        Add("ĹĻĽĿŁ", "L");
        Add("ÑŃŅŇŊ", "N");
        Add("ÒÓÔÕŌŎŐ", "O");
        Add("Ö", "OE", "O");
        Add("ØŒ", "OE");
        Add("ŔŖŘ", "R");
        Add("ŚŜŞŠȘ", "S");
        Add("ß", "SS");
        Add("ŢŤŦȚ", "T");
        Add("Þ", "TH");
        Add("ÙÚÛŨŪŬŮŰŲ", "U");
        Add("Ü", "UE", "U");
        Add("Ŵ", "W");
        Add("ÝŶŸ", "Y");
        Add("ŹŻŽ", "Z");

        // Cyrillic (Part 3, Table of Cyrillic characters).
        Add("А", "A");
        Add("Б", "B");
        Add("В", "V");
        Add("ГҐЃ", "G");
        Add("ДЂ", "D");
        Add("ЕЁЭ", "E");
        Add("ЄЪ", "IE");
        Add("Ж", "ZH");
        Add("З", "Z");
        Add("ЅЏ", "DZ");
        Add("ИІЇЙ", "I");
        Add("Ј", "J");
        Add("КЌ", "K");
        Add("Л", "L");
        Add("Љ", "LJ");
        Add("М", "M");
        Add("Н", "N");
        Add("Њ", "NJ");
        Add("О", "O");
        Add("П", "P");
        Add("Р", "R");
        Add("С", "S");
        Add("Т", "T");
        Add("Ћ", "C");
        Add("УЎ", "U");
        Add("Ф", "F");
        Add("Х", "KH");
        Add("Ц", "TS");
        Add("Ч", "CH");
        Add("Ш", "SH");
        Add("Щ", "SHCH");
        Add("Ы", "Y");
        Add("Ь", "");
        Add("Ю", "IU");
        Add("Я", "IA");
        return table;
    }
}
