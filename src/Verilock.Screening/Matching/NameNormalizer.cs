using System.Text;
using AnyAscii;

namespace Verilock.Screening.Matching;

/// <summary>
/// Turns a name as typed or published into comparable tokens: optional marks dropped (Hebrew and Arabic
/// points, see <see cref="OptionalMarks"/>), other scripts transliterated with AnyAscii (which also strips
/// accents), lower case, apostrophes and dots dropped ("O'Brien" → "obrien", "S.A." → "sa", the Ukrainian
/// "Лукʼян" → "lukyan"; joiners and the Arabic tatweel vanish too), other punctuation splitting words, and a
/// weight per token (titles, particles, common prefixes, legal forms and initials count less; numbers are kept
/// as tokens).
/// Titles are weighed down rather than dropped, so a misspelt or moved title ("Hjai", "… Haji")
/// still pairs with the listed one. Word order is left alone: matching is order-insensitive.
/// </summary>
internal static class NameNormalizer
{
    /// <summary>Longer names are cut: no real name has more words, and it bounds the work per screening.</summary>
    public const int MaxTokens = 12;

    private const float ParticleWeight = 0.3f;
    public const float CommonPrefixWeight = 0.5f;
    private const float OrganisationWordWeight = 0.3f;
    private const float InitialWeight = 0.5f;

    public static NormalizedName Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
            return NormalizedName.Empty;
        var (ascii, fewVowelChars) = ToAscii(raw);
        var words = SplitWords(ascii, fewVowelChars);

        var kept = words.Take(MaxTokens).ToArray();
        var tokens = kept.Select((w, i) => new NameToken(w.Text,
            TokenRoles.IsEdgeInitial(w.Text, i, kept.Length) ? InitialWeight : WeightOf(w.Text), w.FewVowels, w.Hyphenated)).ToArray();
        return new NormalizedName(tokens, fewVowelChars is not null);
    }

    public static float WeightOf(string word)
    {
        if (NameWords.Particles.Contains(word) || NameWords.IsHonorific(word))
            return ParticleWeight;
        if (NameWords.OrganisationWords.Contains(word))
            return OrganisationWordWeight;
        if (NameWords.CommonPrefixes.Contains(word))
            return CommonPrefixWeight;
        return word.Length == 1 && !char.IsAsciiDigit(word[0]) ? InitialWeight : 1f;
    }

    /// <summary>
    /// Transliterates each run of non-ASCII text by itself, so East Asian syllables can be split apart.
    /// <c>FewVowelChars</c> marks the output transliterated from a script that writes few vowels (null when none was).
    /// </summary>
    private static (string Ascii, List<bool>? FewVowelChars) ToAscii(string raw)
    {
        if (Ascii.IsValid(raw))
            return (raw, null);
        raw = OptionalMarks.Remove(raw);
        var output = new StringBuilder(raw.Length + 8);
        var fewVowelChars = new List<bool>(raw.Length + 8);
        var fewVowels = false;
        var i = 0;
        while (i < raw.Length)
        {
            if (char.IsAscii(raw[i]))
            {
                output.Append(raw[i++]);
                fewVowelChars.Add(false);
                continue;
            }
            var script = Scripts.Of(raw, i);
            var end = i + 1;
            while (end < raw.Length && !char.IsAscii(raw[end]) && Scripts.Of(raw, end) is var s && (s == script || s == Script.None))
                end++;
            var run = raw[i..end].Transliterate();
            var runFewVowels = Scripts.WritesFewVowels(script);
            fewVowels |= runFewVowels;
            if (Scripts.RunsSyllablesTogether(script))
                AppendSplitSyllables(output, run);
            else
                output.Append(run);
            fewVowelChars.AddRange(Enumerable.Repeat(runFewVowels, output.Length - fewVowelChars.Count));
            i = end;
        }
        return (output.ToString(), fewVowels ? fewVowelChars : null);
    }

    private static void AppendSplitSyllables(StringBuilder output, string camelCase)
    {
        output.Append(' ');
        for (var i = 0; i < camelCase.Length; i++)
        {
            if (i > 0 && char.IsAsciiLetterUpper(camelCase[i]) && char.IsAsciiLetterLower(camelCase[i - 1]))
                output.Append(' ');
            output.Append(camelCase[i]);
        }
        output.Append(' ');
    }

    /// <param name="fewVowelChars">Per character of <paramref name="ascii"/>, whether it comes from a script that writes few vowels.</param>
    private static List<(string Text, bool FewVowels, bool Hyphenated)> SplitWords(string ascii, List<bool>? fewVowelChars)
    {
        var words = new List<(string, bool, bool)>();
        var word = new StringBuilder();
        var wordFewVowels = false;
        var hyphenBefore = false;
        for (var i = 0; i < ascii.Length; i++)
        {
            var c = ascii[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                word.Append(char.ToLowerInvariant(c));
                wordFewVowels |= fewVowelChars?[i] == true;
            }
            else if (c is '\'' or '`' or '.' or '"')
                continue;
            else
                Flush(hyphenAfter: c == '-');
        }
        Flush(hyphenAfter: false);
        return words;

        void Flush(bool hyphenAfter)
        {
            if (word.Length == 0)
            {
                hyphenBefore = hyphenAfter;
                return;
            }
            var text = word.ToString();
            var fewVowels = wordFewVowels;
            var hyphenated = hyphenBefore || hyphenAfter;
            hyphenBefore = hyphenAfter;
            word.Clear();
            wordFewVowels = false;
            // A "servant of" prefix inside a word is a name run together with the one before ("Fitiwiabdelrazak",
            // "Iqbalabdurrahman"): split there too, leaving at least three letters each side.
            var (at, prefix) = FindSplittablePrefix(text);
            if (prefix is null)
            {
                if (SplitOffName(text) is var (first, second))
                {
                    words.Add((first, fewVowels, hyphenated));
                    words.Add((second, fewVowels, hyphenated));
                    return;
                }
                words.Add((text, fewVowels, hyphenated));
                return;
            }
            if (at > 0)
                words.Add((text[..at], fewVowels, hyphenated));
            words.Add((prefix, fewVowels, hyphenated));
            words.Add((text[(at + prefix.Length)..], fewVowels, hyphenated));
        }
    }

    /// <summary>A spelling of Muhammad run together with a word of three letters or more before or after it (<see cref="NameWords.SplittableNames"/>).</summary>
    private static (string First, string Second)? SplitOffName(string text)
    {
        foreach (var name in NameWords.SplittableNames)
        {
            if (text.Length < name.Length + 3)
                continue;
            // "Mohammadullah", "Muhammadallah" are one name, as "Abdullah" is.
            if (text.StartsWith(name, StringComparison.Ordinal) && !text.AsSpan(name.Length).StartsWith("ul") && !text.AsSpan(name.Length).StartsWith("all"))
                return (name, text[name.Length..]);
            if (text.EndsWith(name, StringComparison.Ordinal))
                return (text[..^name.Length], name);
        }
        return null;
    }

    private static (int At, string? Prefix) FindSplittablePrefix(string text)
    {
        foreach (var p in NameWords.SplittablePrefixes)
        {
            for (var at = text.IndexOf(p, StringComparison.Ordinal); at >= 0; at = text.IndexOf(p, at + 1, StringComparison.Ordinal))
            {
                if ((at == 0 || at >= 3) && text.Length >= at + p.Length + 3 && !text.AsSpan(at + p.Length).StartsWith("la"))
                    return (at, p);
            }
        }
        return (-1, null);
    }
}
