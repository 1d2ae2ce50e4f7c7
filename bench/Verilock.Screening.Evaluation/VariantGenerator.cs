using System.Globalization;
using System.Text;

namespace Verilock.Screening.Evaluation;

/// <summary>
/// Makes the kinds of variation a real customer record has from a listed name, deterministically
/// (seeded per name and per kind): a typo, the words in another order, middle names dropped, and the name
/// written in Cyrillic or Arabic script (screened as typed, so the screener transliterates it back
/// with AnyAscii). The script renderings follow common spelling habits (Arabic writes no short
/// vowels), not AnyAscii's inverse, so the way back is lossy as in real life.
/// Further kinds mirror what an outside measurement found missed: a given name cut to its initial,
/// two words run together or one split, a title in front, another transliteration of one word, and
/// two treatments together. Since 2026-12-07 also: random case, hyphens and apostrophes added or removed,
/// a middle name dropped, a typo in a short name, given and family names swapped, two initials, and
/// three treatments together (structural + spelling + reorder/title/case). A variant that does not apply to a name (no rule fits) is not made.
/// </summary>
/// <remarks>
/// Set <see cref="SeedVariable"/> (or pass <c>--seed</c> to the benchmark) to draw other variants,
/// so the matcher is not tuned to one draw; seed 0 reproduces the variants of earlier reports.
/// </remarks>
public static class VariantGenerator
{
    public const string SeedVariable = "VERILOCK_VARIANT_SEED";

    public static readonly string[] Kinds =
    [
        "typo", "reordered", "middle_dropped", "cyrillic", "arabic",
        "initial", "joined", "split", "title", "translit",
        "translit+reorder", "translit+typo", "initial+typo", "title+translit", "joined+typo",
        // Added 2026-12-07: what the outside set does and the kinds above did not.
        "case+typo", "punct", "punct+typo", "dropmiddle+typo", "short+typo", "initial+swap", "initials2",
        "initial+typo+reorder", "joined+typo+title", "translit+typo+reorder", "dropmiddle+translit+title",
        "split+typo+case", "initial+translit+title",
        // Added 2026-12-07 (session 15): another transliteration of a word then run together with its neighbour.
        "translit+joined",
    ];

    /// <summary>The kinds measured before the outside report; their overall recall stays comparable across reports.</summary>
    public static readonly string[] OriginalKinds = ["typo", "reordered", "middle_dropped", "cyrillic", "arabic"];

    /// <summary>The seed from <see cref="SeedVariable"/>, 0 when unset.</summary>
    public static int DefaultSeed =>
        int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed) ? seed : 0;

    public static IEnumerable<(string Kind, EvalPerson Variant)> Generate(EvalPerson person) => Generate(person, DefaultSeed);

    public static IEnumerable<(string Kind, EvalPerson Variant)> Generate(EvalPerson person, int seed)
    {
        var words = person.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var hash = StableHash(person.FullName);
        // The original kinds share the draw they always had at seed 0; each new kind has its own, so adding one changes no other.
        var random = new Random(unchecked(hash + seed * 104_729));
        yield return ("typo", person with { FullName = Typo(words, random) });
        if (words.Length >= 2)
            yield return ("reordered", person with { FullName = string.Join(' ', Reorder(words)) });
        if (words.Length >= 3)
            yield return ("middle_dropped", person with { FullName = $"{words[0]} {words[^1]}" });
        yield return ("cyrillic", person with { FullName = ToScript(person.FullName, Cyrillic) });
        yield return ("arabic", person with { FullName = ToArabic(person.FullName) });

        foreach (var kind in Kinds.Skip(OriginalKinds.Length))
        {
            var draw = new Random(unchecked(hash * 31 + StableHash(kind) + seed * 104_729));
            var result = words;
            foreach (var treatment in kind.Split('+'))
                result = result is null ? null : Apply(treatment, result, draw);
            if (result is not null)
                yield return (kind, person with { FullName = string.Join(' ', result) });
        }
    }

    /// <summary>
    /// Every word but the last cut to its initial ("John Robert Smith" → "J. R. Smith"), for false positives: the
    /// negatives are written in full, so they alone would not show what matching initials costs. Null for one word.
    /// </summary>
    public static EvalPerson? Abbreviated(EvalPerson person)
    {
        var words = person.FullName.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2)
            return null;
        return person with { FullName = string.Join(' ', words[..^1].Select(w => w[..1].ToUpperInvariant() + ".").Append(words[^1])) };
    }

    private static string[]? Apply(string treatment, string[] words, Random random) => treatment switch
    {
        "initial" => Initial(words, random),
        "joined" => Joined(words, random),
        "split" => Split(words, random),
        "title" => Title(words, random),
        "translit" => Transliterated(words, random),
        "typo" => Typo(words, random).Split(' '),
        "reorder" => words.Length >= 2 ? Reorder(words) : null,
        "case" => RandomCase(words, random),
        "punct" => Punctuation(words, random),
        "dropmiddle" => words.Length >= 3 ? DropMiddle(words, random) : null,
        "short" => ShortTypo(words, random),
        "swap" => words.Length >= 2 ? [words[^1], .. words[..^1]] : null,
        "initials2" => TwoInitials(words, random),
        _ => throw new ArgumentOutOfRangeException(nameof(treatment), treatment, null),
    };

    /// <summary>Each letter upper or lower case at random ("aBdUL sALaM"), as typed with caps lock or pasted from a form.</summary>
    private static string[] RandomCase(string[] words, Random random) =>
        words.Select(w => new string(w.Select(c => random.Next(2) == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)).ToArray())).ToArray();

    private static readonly string[] Particles = ["al", "el", "ul", "abd", "abu", "bin", "ben", "ibn", "ould", "ad", "as", "ar", "ash", "at", "az"];

    /// <summary>
    /// A hyphen or apostrophe removed or inserted: "Al-Qaida" → "Al Qaida" / "AlQaida", "Ba'asyir" → "Baasyir",
    /// "Al Marrani" → "Al-Marrani", "Abd al Aziz" → "Abd al-Aziz", or an apostrophe after a word's first syllable.
    /// </summary>
    private static string[]? Punctuation(string[] words, Random random)
    {
        var options = new List<Func<string[]>>();
        for (var i = 0; i < words.Length; i++)
        {
            var at = i;
            var mark = words[at].IndexOfAny(['-', '\'', '\u2019', '\u2018', '`']);
            if (mark > 0 && mark < words[at].Length - 1)
            {
                options.Add(() => Replace(words, at, [words[at][..mark] + words[at][(mark + 1)..]]));
                options.Add(() => Replace(words, at, [words[at][..mark], words[at][(mark + 1)..]]));
                continue;
            }
            if (at + 1 < words.Length && Particles.Contains(words[at].ToLowerInvariant()))
                options.Add(() => [.. words[..at], words[at] + "-" + words[at + 1], .. words[(at + 2)..]]);
            if (words[at].Length >= 5 && words[at].All(char.IsLetter))
            {
                // After the first vowel run, where Arabic names carry an ʿayn or hamza ("Ba'asyir", "Sa'id").
                var cut = 1;
                while (cut < words[at].Length - 2 && !"aeiouAEIOU".Contains(words[at][cut]))
                    cut++;
                while (cut < words[at].Length - 2 && "aeiouAEIOU".Contains(words[at][cut]))
                    cut++;
                if (cut < words[at].Length - 1)
                    options.Add(() => Replace(words, at, [words[at][..cut] + (random.Next(2) == 0 ? "'" : "-") + words[at][cut..]]));
            }
        }
        return options.Count == 0 ? null : options[random.Next(options.Count)]();
    }

    private static string[] Replace(string[] words, int at, string[] with) => [.. words[..at], .. with, .. words[(at + 1)..]];

    /// <summary>One middle name dropped (names of three words or more), keeping the other middle names.</summary>
    private static string[] DropMiddle(string[] words, Random random)
    {
        var at = random.Next(1, words.Length - 1);
        return [.. words[..at], .. words[(at + 1)..]];
    }

    /// <summary>One typo in a name whose every word has five letters or fewer (any word of three letters or more): one edit is a large share of such a name.</summary>
    private static string[]? ShortTypo(string[] words, Random random)
    {
        if (words.Any(w => w.Length > 5))
            return null;
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 3).ToList();
        if (candidates.Count == 0)
            return null;
        var at = candidates[random.Next(candidates.Count)];
        var typed = Typo([words[at]], random, minLength: 3);
        return Replace(words, at, [typed]);
    }

    /// <summary>Two given names (words but the last, three letters or more) cut to initials, in names of three words or more.</summary>
    private static string[]? TwoInitials(string[] words, Random random)
    {
        var candidates = Enumerable.Range(0, words.Length - 1).Where(i => words[i].Length >= 3 && char.IsLetter(words[i][0])).ToList();
        if (words.Length < 3 || candidates.Count < 2)
            return null;
        var first = candidates[0];
        var second = candidates[1 + random.Next(candidates.Count - 1)];
        var dot = random.Next(2) == 0 ? "." : "";
        var copy = words.ToArray();
        copy[first] = words[first][..1].ToUpperInvariant() + dot;
        copy[second] = words[second][..1].ToUpperInvariant() + dot;
        return copy;
    }

    private static string[] Reorder(string[] words) => words.Skip(1).Append(words[0]).ToArray();

    /// <summary>A given name (any word but the last, of three letters or more) reduced to its initial, with or without a dot.</summary>
    private static string[]? Initial(string[] words, Random random)
    {
        var candidates = Enumerable.Range(0, words.Length - 1).Where(i => words[i].Length >= 3 && char.IsLetter(words[i][0])).ToList();
        if (candidates.Count == 0)
            return null;
        // Mostly the first given name, as forms and card embossing do.
        var at = random.Next(3) > 0 ? candidates[0] : candidates[random.Next(candidates.Count)];
        var copy = words.ToArray();
        copy[at] = words[at][..1].ToUpperInvariant() + (random.Next(2) == 0 ? "." : "");
        return copy;
    }

    /// <summary>Two neighbouring words written as one, sometimes the whole name in capitals.</summary>
    private static string[]? Joined(string[] words, Random random)
    {
        if (words.Length < 2)
            return null;
        var at = random.Next(words.Length - 1);
        var joined = words.Take(at).Append(words[at] + words[at + 1]).Concat(words.Skip(at + 2));
        return (random.Next(2) == 0 ? joined.Select(w => w.ToUpperInvariant()) : joined).ToArray();
    }

    /// <summary>One word of seven letters or more split in two, each part at least three letters.</summary>
    private static string[]? Split(string[] words, Random random)
    {
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= 7 && words[i].All(char.IsLetter)).ToList();
        if (candidates.Count == 0)
            return null;
        var at = candidates[random.Next(candidates.Count)];
        var cut = random.Next(3, words[at].Length - 2);
        return words.Take(at).Append(words[at][..cut]).Append(words[at][cut..]).Concat(words.Skip(at + 1)).ToArray();
    }

    private static readonly string[] Titles =
        ["Sheikh", "Shaykh", "Mr", "Mr.", "Mrs", "Dr", "Dr.", "Haji", "Hajji", "Mullah", "Maulana", "Mufti", "Al-Haj", "Sayed", "Qari"];

    private static string[] Title(string[] words, Random random) =>
        words.Prepend(Titles[random.Next(Titles.Length)]).ToArray();

    /// <summary>
    /// Spellings romanisations of one name use interchangeably, as whole words ("Mohammed"/"Muhammad")
    /// or letter groups ("kh"/"h", "ou"/"u", "j"/"dj", "ee"/"i"). Both directions where both are common.
    /// </summary>
    private static readonly (string From, string To)[] WholeWords =
    [
        ("mohammed", "muhammad"), ("muhammad", "mohammed"), ("mohammad", "muhammad"), ("mohamed", "mohammed"),
        ("muhammed", "mohamad"), ("mohamad", "muhammad"), ("yusuf", "yousef"), ("yousef", "yusuf"), ("youssef", "yusuf"),
        ("yousuf", "yusif"), ("abdul", "abdel"), ("abdel", "abdul"), ("abdallah", "abdullah"), ("abdullah", "abdallah"),
        ("ahmed", "ahmad"), ("ahmad", "ahmed"), ("hussein", "husain"), ("husain", "hussein"), ("hussain", "husayn"),
        ("hassan", "hasan"), ("omar", "umar"), ("umar", "omar"), ("osman", "usman"), ("usman", "osman"),
        ("ali", "aly"), ("said", "saeed"), ("saeed", "said"), ("mahmoud", "mahmud"), ("mahmud", "mahmood"),
        ("mustafa", "moustafa"), ("ibrahim", "ebrahim"), ("khalid", "khaled"), ("khaled", "khalid"),
        ("abdulrahman", "abdurrahman"), ("rahman", "rehman"), ("mansour", "mansur"), ("mansur", "mansour"),
    ];

    private static readonly (string From, string To)[] LetterGroups =
    [
        ("kh", "h"), ("ou", "u"), ("u", "ou"), ("j", "dj"), ("dj", "j"), ("ee", "i"), ("i", "ee"), ("oo", "u"),
        ("sh", "ch"), ("q", "k"), ("k", "q"), ("y", "i"), ("ai", "ay"), ("ay", "ai"), ("z", "dh"), ("dh", "z"),
        ("gh", "g"), ("ph", "f"), ("v", "w"), ("w", "v"), ("e", "a"), ("ei", "ey"), ("iy", "i"), ("aa", "a"),
    ];

    private static string[]? Transliterated(string[] words, Random random)
    {
        var options = new List<(int Word, string Text)>();
        for (var i = 0; i < words.Length; i++)
        {
            var lower = words[i].ToLowerInvariant();
            var upper = words[i].Length > 1 && words[i].All(c => !char.IsLetter(c) || char.IsUpper(c));
            foreach (var (from, to) in WholeWords)
            {
                if (lower == from)
                    options.Add((i, Cased(to, words[i], upper)));
            }
            if (words[i].Length < 4)
                continue;
            foreach (var (from, to) in LetterGroups)
            {
                // One letter-group change per word, at its first place, not at the start for vowels ("e" → "a" mid-word only).
                var at = lower.IndexOf(from, from[0] is 'a' or 'e' or 'i' or 'u' or 'y' ? 1 : 0, StringComparison.Ordinal);
                if (at < 0)
                    continue;
                var changed = lower[..at] + to + lower[(at + from.Length)..];
                options.Add((i, Cased(changed, words[i], upper)));
            }
        }
        if (options.Count == 0)
            return null;
        // Whole-word spellings are the commonest real variation: prefer them when the name has one.
        var wholeWord = options.Where(o => WholeWords.Any(w => w.From == words[o.Word].ToLowerInvariant())).ToList();
        var (word, text) = wholeWord.Count > 0 && random.Next(2) == 0 ? wholeWord[random.Next(wholeWord.Count)] : options[random.Next(options.Count)];
        var copy = words.ToArray();
        copy[word] = text;
        return copy;
    }

    private static string Cased(string lower, string like, bool upper) =>
        upper ? lower.ToUpperInvariant() : char.IsUpper(like[0]) ? char.ToUpperInvariant(lower[0]) + lower[1..] : lower;

    /// <summary>One edit (substitution, deletion, insertion or swap of neighbours) in one word of four letters or more.</summary>
    private static string Typo(string[] words, Random random, int minLength = 4)
    {
        var candidates = Enumerable.Range(0, words.Length).Where(i => words[i].Length >= minLength).ToList();
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
