using System.Text;

namespace Verilock.Screening.Matching;

/// <summary>
/// Spelling folds and sound keys for transliteration variants.
/// <see cref="Spelling"/> rewrites letter groups that romanisations of one name use
/// interchangeably (Russian-style "dzh"/"kh" for English "j"/"h", w/v, y/i, ou/u, doubles), so
/// "Dzhamal Mukhammad" reads "jamal muhamad". <see cref="VowelPattern"/> also folds consonants that
/// swap between transliterations (k/q/c/g, d/t, s/z, f/v/p) and keeps where vowels are ("Yusuf" and
/// "Youssef" agree, "Mahmoud" and "Mohammed" do not). <see cref="Skeleton"/> keeps consonants only,
/// for names typed in scripts that write no short vowels ("mhmd" from Arabic meets "Mohammed").
/// </summary>
internal static class PhoneticKey
{
    private const char Vowel = 'V';

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

    /// <summary>Consonant classes with each run of vowels as one V, from the folded spelling.</summary>
    public static string VowelPattern(string spelling) => Build(spelling, keepVowels: true);

    /// <summary>
    /// Consonant classes only, from the raw token: w and y count as vowels (in abjad romanisation
    /// they are), j joins k/g (Arabic jīm is "g" in Egypt and stands for "g" in foreign names), "tsh" is "ch".
    /// </summary>
    public static string Skeleton(string token) => Build(token, keepVowels: false);

    private static string Build(string token, bool keepVowels)
    {
        var key = new StringBuilder(token.Length);
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
                        continue;
                    mapped = Vowel;
                    break;
                default:
                    mapped = Fold(c);
                    break;
            }
            if (key.Length == 0 || key[^1] != mapped)
                key.Append(mapped);
        }
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
