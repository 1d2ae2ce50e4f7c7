namespace Verilock.Screening.Matching;

/// <summary>
/// How much two name tokens agree, 0..1. The base is the mean of Jaro–Winkler (forgiving of
/// endings) and the edit ratio (strict about the middle; a swap of neighbours is one edit), taken
/// on the tokens and on their folded spellings, so "Mohammed"/"Mahmoud" (different names) fall
/// apart while typos and "Mukhammad"/"Muhammad" stay close. Tokens with the same sound pattern
/// ("Yusuf"/"Youssef", names of two syllables or more) are raised to a floor; for names typed in a
/// script without vowels the consonant skeletons are compared too, holding the candidate to the vowels
/// the query does write. Agreement fades steeply below <see cref="Floor"/> and is 0
/// under <see cref="Cutoff"/>, so unrelated tokens never add up to a match.
/// </summary>
internal static class TokenSimilarity
{
    public const double Floor = 0.8;
    public const double Cutoff = 0.7;
    private const double InitialMatch = 0.9;
    private const double SameSoundPattern = 0.85;
    private const double SameSkeletonWithoutVowels = 0.88;
    private const double SkeletonDiscount = 0.9;

    /// <summary>Agreeing only once o/u and e/i are merged is a little weaker than agreeing as spelled.</summary>
    private const double VowelFoldDiscount = 0.95;

    /// <summary>Shorter sound patterns ("VNK": "Ying", "Aung") are shared by too many unrelated names.</summary>
    public const int MinSoundPatternLength = 4;

    /// <summary>The sound pattern lifts near misses ("Yusuf"/"Youssef"), not strings that merely share a rhythm.</summary>
    private const double MinBaseForSoundPattern = 0.65;

    /// <summary>One consonant says too little even for a name typed without vowels.</summary>
    public const int MinSkeletonLength = 2;

    /// <summary>Two words run together are compared on spelling alone and must agree closely: loose sound keys on long glued strings match nonsense ("Eric Ho" ~ "Arezoo").</summary>
    private const double PairFloor = 0.88;

    /// <summary>For a name typed without vowels, a run-together pair may still match on an identical skeleton this long.</summary>
    private const int MinPairSkeletonLength = 4;

    /// <param name="eitherIsPair">The query unit or the candidate is two neighbouring words run together.</param>
    public static double Of(in TokenKeys query, in TokenKeys candidate, bool queryFewVowels, bool eitherIsPair = false)
    {
        if (eitherIsPair)
        {
            var spelled = query.Text == candidate.Text ? 1 : Math.Max(Base(query.Text, candidate.Text), Base(query.Spelling, candidate.Spelling));
            if (spelled >= PairFloor)
                return spelled;
            return queryFewVowels && query.Skeleton.Length >= MinPairSkeletonLength && SameSkeleton(query, candidate)
                ? SameSkeletonWithoutVowels
                : 0;
        }
        var a = query.Text;
        var b = candidate.Text;
        if (a == b)
            return 1;
        if (a.Length == 1 || b.Length == 1)
            return a[0] == b[0] && a.Length != b.Length && !char.IsAsciiDigit(a[0]) ? InitialMatch : 0;
        if (query.HasDigit || candidate.HasDigit)
            return 0;

        var similarity = Base(a, b);
        if (query.Spelling != a || candidate.Spelling != b)
            similarity = Math.Max(similarity, Base(query.Spelling, candidate.Spelling));
        // Both long enough to be folded: a short name one merged vowel from a longer one is another name ("Darrell"/"Dhari").
        if ((query.VowelFolded != query.Spelling || candidate.VowelFolded != candidate.Spelling) && query.VowelFolded[0] == candidate.VowelFolded[0]
            && query.Spelling.Length >= PhoneticKey.MinVowelFoldLength && candidate.Spelling.Length >= PhoneticKey.MinVowelFoldLength)
            similarity = Math.Max(similarity, VowelFoldDiscount * Base(query.VowelFolded, candidate.VowelFolded));
        if (query.VowelPattern.Length >= MinSoundPatternLength && query.VowelPattern == candidate.VowelPattern
            && query.Spelling[0] == candidate.Spelling[0] && similarity >= MinBaseForSoundPattern && HasSeveralSyllables(query.VowelPattern))
            similarity = Math.Max(similarity, SameSoundPattern);
        if (queryFewVowels && query.Skeleton.Length >= MinSkeletonLength && candidate.Skeleton.Length >= MinSkeletonLength)
        {
            if (SameSkeleton(query, candidate))
                similarity = Math.Max(similarity, SameSkeletonWithoutVowels);
            else if (query.Skeleton != candidate.Skeleton)
                similarity = Math.Max(similarity, SkeletonDiscount * Base(query.Skeleton, candidate.Skeleton));
        }
        return Credit(similarity);
    }

    /// <summary>
    /// The same consonants, and a candidate spelled with its vowels has those the query writes ("hsyn" is
    /// Husayn, not Hassan). A candidate that is itself a skeleton (from a name listed in Arabic script)
    /// says nothing by lacking a vowel.
    /// </summary>
    private static bool SameSkeleton(in TokenKeys query, in TokenKeys candidate) =>
        query.Skeleton == candidate.Skeleton
        && (!candidate.WritesVowels || PhoneticKey.WrittenVowelsAgree(query.SkeletonVowels, candidate.SkeletonVowels));

    /// <summary>
    /// In a one-syllable name the vowel is what tells names apart ("Cheng", "Chang", "Chung" are
    /// different Chinese and Korean names), so only patterns with two vowel runs or more lift a near miss.
    /// </summary>
    private static bool HasSeveralSyllables(string vowelPattern) => vowelPattern.AsSpan().Count(PhoneticKey.Vowel) >= 2;

    private static double Base(string a, string b) =>
        (StringSimilarity.JaroWinkler(a, b) + StringSimilarity.EditRatio(a, b)) / 2;

    /// <summary>Full value from the floor up; a steep ramp from the cutoff to the floor; nothing below.</summary>
    private static double Credit(double similarity) => similarity switch
    {
        >= Floor => similarity,
        > Cutoff => (similarity - Cutoff) / (Floor - Cutoff) * Floor,
        _ => 0,
    };
}

/// <summary>A token with its folded spelling and sound keys, computed once.</summary>
/// <param name="WritesVowels">Romanised from a script that writes its vowels (not a skeleton, see <see cref="NormalizedName.FewVowels"/>).</param>
/// <param name="VowelFolded">See <see cref="PhoneticKey.VowelFolded"/>; the spelling itself when not folded.</param>
internal readonly record struct TokenKeys(string Text, string Spelling, string VowelPattern, string Skeleton, string SkeletonVowels,
    bool WritesVowels, bool HasDigit, string VowelFolded)
{
    public static TokenKeys Of(string text, bool writesVowels = true)
    {
        var spelling = PhoneticKey.Spelling(text);
        var (skeleton, skeletonVowels) = PhoneticKey.Skeleton(text);
        var vowelPattern = PhoneticKey.VowelPattern(spelling);
        return new TokenKeys(text, spelling, vowelPattern, skeleton, skeletonVowels, writesVowels, text.Any(char.IsAsciiDigit),
            PhoneticKey.VowelFolded(spelling, vowelPattern));
    }
}
