using System.Text;

namespace Verilock.Screening.Matching;

/// <summary>
/// Spelling folds and sound keys for transliteration variants.
/// <see cref="Spelling"/> rewrites letter groups that romanisations of one name use
/// interchangeably (Russian-style "dzh"/"kh" for English "j"/"h", w/v, y/i, ou/u, doubles), so
/// "Dzhamal Mukhammad" reads "jamal muhamad". <see cref="VowelPattern"/> also folds consonants that
/// swap between transliterations (k/q/c/g, d/t, s/z, f/v/p) and keeps where vowels are ("Yusuf" and
/// "Youssef" agree, "Mahmoud" and "Mohammed" do not). <see cref="Skeleton"/> keeps consonants only,
/// for names typed in scripts that write no short vowels ("mhmd" from Arabic meets "Mohammed"), with
/// the vowels the token does write between those consonants.
/// </summary>
internal static class PhoneticKey
{
    /// <summary>A run of vowels in a <see cref="VowelPattern"/>.</summary>
    public const char Vowel = 'V';

    public static string Spelling(string token)
    {
        var output = new char[token.Length * 2];
        var length = 0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            switch (c)
            {
                case 'd' when next == 'z' && i + 2 < token.Length && token[i + 2] == 'h':
                    Append('j');
                    i += 2;
                    break;
                case 'd' when next == 'j':
                case 'z' when next == 'h':
                    Append('j');
                    i++;
                    break;
                case 'k' or 'g' or 'p' or 't' or 'd' when next == 'h':
                    Append(c switch { 'k' => 'h', 'p' => 'f', _ => c });
                    i++;
                    break;
                case 'c' when next == 'h':
                    Append('c');
                    Append('h');
                    i++;
                    break;
                case 'o' when next is 'u' or 'o':
                    Append('u');
                    i++;
                    break;
                case 'e' when next == 'e':
                    Append('i');
                    i++;
                    break;
                case 'c' when next == 'k':
                    break;
                case 'q' or 'c':
                    Append('k');
                    break;
                case 'w':
                    Append('v');
                    break;
                case 'y':
                    Append('i');
                    break;
                case 'x':
                    Append('k');
                    Append('s');
                    break;
                default:
                    Append(c);
                    break;
            }
        }
        if (length > 2 && output[length - 1] == 'h')
            length--;
        return new string(output, 0, length);

        void Append(char letter)
        {
            if (length == 0 || output[length - 1] != letter)
                output[length++] = letter;
        }
    }

    /// <summary>Spellings shorter than this keep their vowels in <see cref="VowelFolded"/>.</summary>
    public const int MinVowelFoldLength = 5;

    /// <summary>
    /// The folded spelling with o read as u and e as i, for names of two syllables or more and five
    /// letters or more: romanisations of Arabic and Persian names swap these freely (Mohammed,
    /// Muhammad, Muhammid; Osman, Usman), so a typo on top of such a swap is still one edit away.
    /// One-syllable names keep their vowels ("Jong" and "Jung" are different names); otherwise
    /// returns <paramref name="spelling"/> itself.
    /// </summary>
    public static string VowelFolded(string spelling, string vowelPattern)
    {
        if (spelling.Length < MinVowelFoldLength || vowelPattern.AsSpan().Count(Vowel) < 2 || spelling.AsSpan().IndexOfAny('o', 'e') < 0)
            return spelling;
        return string.Create(spelling.Length, spelling, static (span, s) =>
        {
            for (var i = 0; i < s.Length; i++)
                span[i] = s[i] switch { 'o' => 'u', 'e' => 'i', var c => c };
        });
    }

    /// <summary>Consonant classes with each run of vowels as one V, from the folded spelling.</summary>
    public static string VowelPattern(string spelling) => Build(spelling, keepVowels: true);

    /// <summary>
    /// Consonant classes only, from the raw token: w and y count as vowels (in abjad romanisation
    /// they are), j joins k/g (Arabic jīm is "g" in Egypt and stands for "g" in foreign names), "tsh" is "ch".
    /// </summary>
    /// <remarks>
    /// <c>Vowels</c> are the vowels written around the skeleton's consonants: one character per gap
    /// (before the first consonant, then after each), a mask of <see cref="VowelClass"/>es, 0 where none
    /// is written. Arabic writes long vowels (ي, و) and Indic scripts all but the inherent "a", so a
    /// written vowel is evidence: "hsyn" (Husayn) has an i-sound after the s, which "Hassan" lacks.
    /// </remarks>
    public static (string Skeleton, string Vowels) Skeleton(string token)
    {
        var gaps = new StringBuilder(token.Length + 1);
        var skeleton = Build(token, keepVowels: false, gaps);
        return (skeleton, gaps.ToString());
    }

    /// <summary>Whether the candidate has a vowel of the same kind wherever the query writes one (the vowels of two equal skeletons).</summary>
    public static bool WrittenVowelsAgree(string query, string candidate)
    {
        for (var i = 0; i < query.Length && i < candidate.Length; i++)
        {
            if (query[i] != 0 && (query[i] & candidate[i]) == 0)
                return false;
        }
        return true;
    }

    /// <summary>Vowel letters by the sound romanisations use them for (y and w are the Arabic long i and u).</summary>
    private static char VowelClass(char vowel) => vowel switch
    {
        'a' => (char)1,
        'e' or 'i' or 'y' => (char)2,
        _ => (char)4,
    };

    private static string Build(string token, bool keepVowels, StringBuilder? gaps = null)
    {
        var key = new StringBuilder(token.Length);
        var gap = (char)0;
        for (var i = 0; i < token.Length; i++)
        {
            var c = token[i];
            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            char mapped;
            switch (c)
            {
                case 't' when !keepVowels && next == 's' && i + 2 < token.Length && token[i + 2] == 'h':
                    mapped = 'S';
                    i += 2;
                    break;
                case 'c' or 's' when next == 'h':
                    mapped = 'S';
                    i++;
                    break;
                case 'j' when !keepVowels:
                    mapped = 'K';
                    break;
                case 'k' or 'g' or 't' or 'd' or 'p' when next == 'h':
                    mapped = Fold(c);
                    i++;
                    break;
                case 'h' when i == token.Length - 1:
                    continue;
                case 'a' or 'e' or 'i' or 'o' or 'u' or 'y' or 'w':
                    if (!keepVowels)
                    {
                        gap |= VowelClass(c);
                        continue;
                    }
                    mapped = Vowel;
                    break;
                default:
                    mapped = Fold(c);
                    break;
            }
            if (key.Length == 0 || key[^1] != mapped)
            {
                key.Append(mapped);
                gaps?.Append(gap);
                gap = (char)0;
            }
        }
        gaps?.Append(gap);
        return key.ToString();
    }

    private static char Fold(char c) => c switch
    {
        'q' or 'c' or 'k' or 'g' => 'K',
        't' or 'd' => 'T',
        's' or 'z' or 'x' => 'S',
        'f' or 'v' or 'p' => 'F',
        _ => char.ToUpperInvariant(c),
    };
}
