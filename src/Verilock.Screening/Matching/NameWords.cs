namespace Verilock.Screening.Matching;

/// <summary>Word lists the normaliser uses: titles to drop, and words that say little about who or what is named.</summary>
internal static class NameWords
{
    /// <summary>Titles, honorifics and ranks ("Dr", "Sheikh", "Haji", "Colonel"): kept, but weigh little.</summary>
    public static readonly HashSet<string> Honorifics = new(StringComparer.Ordinal)
    {
        "mr", "mrs", "ms", "miss", "mx", "dr", "doctor", "prof", "professor", "sir", "dame", "lord", "lady",
        "sheikh", "sheikha", "shaikh", "shaykh", "sheik", "cheikh", "shaikha", "haji", "hajji", "hadji", "hajj", "haj",
        "alhaj", "alhajji", "mullah", "mulla", "molla", "maulana", "mawlana", "maulvi", "mawlawi", "moulvi", "mawlavi",
        "mufti", "qari", "colonel", "col", "lieutenant", "lt", "major", "maj", "captain", "capt", "brigadier",
        "commander", "cmdr", "admiral", "sergeant", "sgt",
    };

    /// <summary>
    /// Whether <paramref name="word"/> is a title as listed or in another romanisation of one ("Hadj",
    /// "Hajee", "Moufti", "Kari", "Shayh"), by folded spelling; only words of four letters or more are
    /// folded, so short names ("Kol", "Mis") stay names.
    /// </summary>
    public static bool IsHonorific(string word) =>
        Honorifics.Contains(word) || word.Length >= 4 && FoldedHonorifics.Contains(PhoneticKey.Spelling(word));

    /// <summary>Abbreviated ranks: their folded spellings ("kol", "maj") are also short names or name parts.</summary>
    private static readonly HashSet<string> ShortFoldExceptions = new(StringComparer.Ordinal) { "col", "maj", "sgt", "capt", "cmdr" };

    private static readonly HashSet<string> FoldedHonorifics = new(
        Honorifics.Where(h => h.Length >= 3 && !ShortFoldExceptions.Contains(h)).Select(PhoneticKey.Spelling), StringComparer.Ordinal);

    /// <summary>
    /// Words that are a title in front of a name ("Sayed Abu Rusdan") and a given name too ("Sayed
    /// Agha"): full words, but one that leads a query and is not on the listed name is taken for a title.
    /// </summary>
    public static readonly HashSet<string> TitlesOrNames = new(StringComparer.Ordinal)
    {
        "sayed", "sayyid", "sayyed", "seyed", "seyyed", "syed", "sayid", "said", "hafiz", "hafez", "mir",
    };

    /// <summary>Articles and kinship particles ("al", "bin", "de", "van"): kept, but weigh little.</summary>
    public static readonly HashSet<string> Particles = new(StringComparer.Ordinal)
    {
        "al", "el", "ul", "ud", "ur", "bin", "ibn", "bint", "binti", "ben", "ould", "ag", "wa", "de", "da", "di", "du",
        "del", "della", "dos", "das", "do", "der", "den", "van", "von", "la", "le", "y",
    };

    /// <summary>Name-building words so common in Arabic names ("abu", "abd") that agreeing on them proves little.</summary>
    public static readonly HashSet<string> CommonPrefixes = new(StringComparer.Ordinal)
    {
        "abu", "abou", "abd", "abdul", "abdel", "abdal", "abdol", "abdoul", "abdur", "abdus", "umm", "um",
    };

    /// <summary>Legal forms and generic business words (LTD, LLC, CORP, GMBH, "trading"): kept, weighed down.</summary>
    public static readonly HashSet<string> OrganisationWords = new(StringComparer.Ordinal)
    {
        "ltd", "limited", "llc", "inc", "incorporated", "corp", "corporation", "co", "company", "cie", "plc", "gmbh",
        "mbh", "ag", "sa", "sas", "sarl", "srl", "spa", "sl", "bv", "nv", "oy", "ab", "as", "aps", "kg", "kft", "llp",
        "lp", "pte", "pvt", "pty", "jsc", "ojsc", "pjsc", "cjsc", "ao", "oao", "ooo", "zao", "tov", "fze", "fzco", "fzc",
        "fzllc", "est", "establishment", "group", "holding", "holdings", "trading", "international", "intl",
        "enterprise", "enterprises", "industries", "industrial", "import", "export", "and", "of", "the", "for",
    };

    /// <summary>
    /// Run-together Arabic "servant of" names ("Abdulrahman") are split so they meet the spaced
    /// forms ("Abdul Rahman", "Abd al-Rahman"), whose "abd al" fuses to "abdal". "Abdullah" stays whole.
    /// </summary>
    public static readonly string[] SplittablePrefixes = ["abdul", "abdel", "abdal", "abdol", "abdoul", "abdur", "abdus"];

    /// <summary>
    /// The spellings of Muhammad, the name most often run together with a neighbour ("Mohammedyusuf", "Oyarmohamed",
    /// "Abdikadirmuhammad"): at a word's start or end, with at least three letters beside it, they are split off, on the
    /// lists' names and queries alike, so the neighbour is compared as the word it is and Muhammad as the name it is
    /// (a joined pair is compared strictly by spelling, and "muhammad" against "mohamed" is three edits).
    /// </summary>
    public static readonly string[] SplittableNames =
        ["muhammad", "muhammed", "muhamad", "muhamed", "mohammad", "mohammed", "mohamad", "mohamed", "mohamud", "mahamat"];
}
