using System.Text;

namespace Verilock.Screening.Evaluation;

/// <summary>
/// Makes the kinds of variation a real customer record has from a listed name, deterministically
/// (seeded per name): a typo, the words in another order, middle names dropped, and the name
/// written in Cyrillic or Arabic script (screened as typed, so the screener transliterates it back
/// with AnyAscii). The script renderings follow common spelling habits (Arabic writes no short
/// vowels), not AnyAscii's inverse, so the way back is lossy as in real life.
/// </summary>
public static class VariantGenerator
{
    public static readonly string[] Kinds = ["typo", "reordered", "middle_dropped", "cyrillic", "arabic"];

    public static IEnumerable<(string Kind, EvalPerson Variant)> Generate(EvalPerson person)
    {
        var words = person.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var random = new Random(StableHash(person.FullName));
        yield return ("typo", person with { FullName = Typo(words, random) });
        if (words.Length >= 2)
            yield return ("reordered", person with { FullName = string.Join(' ', words.Skip(1).Append(words[0])) });
        if (words.Length >= 3)
            yield return ("middle_dropped", person with { FullName = $"{words[0]} {words[^1]}" });
        yield return ("cyrillic", person with { FullName = ToScript(person.FullName, Cyrillic) });
        yield return ("arabic", person with { FullName = ToArabic(person.FullName) });
    }

    /// <summary>One edit (substitution, deletion, insertion or swap of neighbours) in one word of four letters or more.</summary>
    private static string Typo(string[] words, Random random)
    {
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 4).ToList();
        if (candidates.Count == 0)
            return string.Join(' ', words);
        var w = candidates[random.Next(candidates.Count)];
        var word = new StringBuilder(words[w]);
        var at = random.Next(1, word.Length - 1);
        var letter = (char)((char.IsUpper(word[at]) ? 'A' : 'a') + random.Next(26));
        switch (random.Next(4))
        {
            case 0: word[at] = letter; break;
            case 1: word.Remove(at, 1); break;
            case 2: word.Insert(at, letter); break;
            default: (word[at], word[at + 1]) = (word[at + 1], word[at]); break;
        }
        var copy = words.ToArray();
        copy[w] = word.ToString();
        return string.Join(' ', copy);
    }

    private static readonly (string Latin, string Script)[] Cyrillic =
    [
        ("shch", "щ"), ("sh", "ш"), ("ch", "ч"), ("kh", "х"), ("zh", "ж"), ("ts", "ц"), ("ya", "я"), ("yu", "ю"),
        ("a", "а"), ("b", "б"), ("c", "к"), ("d", "д"), ("e", "е"), ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"),
        ("j", "дж"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"), ("o", "о"), ("p", "п"), ("q", "к"), ("r", "р"),
        ("s", "с"), ("t", "т"), ("u", "у"), ("v", "в"), ("w", "в"), ("x", "кс"), ("y", "й"), ("z", "з"),
    ];

    private static readonly (string Latin, string Script)[] ArabicConsonants =
    [
        ("sh", "ش"), ("kh", "خ"), ("th", "ث"), ("dh", "ذ"), ("gh", "غ"), ("ch", "تش"),
        ("b", "ب"), ("c", "ك"), ("d", "د"), ("f", "ف"), ("g", "ج"), ("h", "ه"), ("j", "ج"), ("k", "ك"), ("l", "ل"),
        ("m", "م"), ("n", "ن"), ("p", "ب"), ("q", "ق"), ("r", "ر"), ("s", "س"), ("t", "ت"), ("v", "ف"), ("w", "و"),
        ("x", "كس"), ("y", "ي"), ("z", "ز"),
    ];

    private static string ToScript(string name, (string Latin, string Script)[] table)
    {
        var lower = name.ToLowerInvariant();
        var output = new StringBuilder();
        for (var i = 0; i < lower.Length;)
        {
            var rule = table.FirstOrDefault(r => string.CompareOrdinal(lower, i, r.Latin, 0, r.Latin.Length) == 0);
            if (rule.Latin is null)
            {
                output.Append(lower[i++]);
                continue;
            }
            output.Append(rule.Script);
            i += rule.Latin.Length;
        }
        return output.ToString();
    }

    /// <summary>Arabic spelling habits: an initial vowel is alif, short a/e inside a word are not written, i/ee are yā', o/u are wāw, doubled letters once.</summary>
    private static string ToArabic(string name)
    {
        var output = new StringBuilder();
        foreach (var word in name.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (output.Length > 0)
                output.Append(' ');
            var letters = new StringBuilder();
            for (var i = 0; i < word.Length;)
            {
                var c = word[i];
                if (i > 0 && c == word[i - 1])
                {
                    i++;
                    continue;
                }
                if ("aeiou".Contains(c))
                {
                    if (i == 0)
                        letters.Append('ا');
                    else if (c is 'i')
                        letters.Append('ي');
                    else if (c is 'o' or 'u')
                        letters.Append('و');
                    i++;
                    continue;
                }
                var rule = ArabicConsonants.FirstOrDefault(r => string.CompareOrdinal(word, i, r.Latin, 0, r.Latin.Length) == 0);
                if (rule.Latin is null)
                {
                    i++;
                    continue;
                }
                letters.Append(rule.Script);
                i += rule.Latin.Length;
            }
            output.Append(letters);
        }
        return output.ToString();
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
            hash = unchecked(hash * 31 + c);
        return hash;
    }
}
