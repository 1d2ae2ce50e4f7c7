using Verilock.Domain.Mrz;

namespace Verilock.Checks.Documents;

/// <summary>One OCR pass over a zone: each line's text and Tesseract's confidence in it.</summary>
internal sealed record ZonePass(IReadOnlyList<(string Text, double Confidence)> Lines);

/// <summary>
/// Turns several OCR passes over the same zone (strips prepared differently) into one reading, letting the check
/// digits choose: every combination of the lines' distinct readings, plus a character-by-character majority of
/// the passes where they agree in length, is parsed, and the reading with the most agreeing check digits (then the
/// fewest repairs, then the highest confidence) wins. A character one pass misread is usually read right by
/// another, and only the right combination makes every check digit agree.
/// </summary>
internal static class MrzPassVoting
{
    /// <summary>Readings kept per line: 4 for 3 lines is 64 parses, well under a millisecond each.</summary>
    const int MaxVariantsPerLine = 4;

    /// <param name="characterVote">
    /// Also vote character by character (<see cref="Merged"/>) when no combination validates. It tries many more
    /// readings, so a wrong one that happens to validate is likelier: only the last vote over a zone asks for it.
    /// </param>
    public static (MrzReading? Mrz, double Confidence) Best(IReadOnlyList<ZonePass> passes, DateOnly today, bool characterVote = false)
    {
        var lineCount = passes[0].Lines.Count;
        var variants = new List<(string Text, double Confidence)>[lineCount];
        for (var line = 0; line < lineCount; line++)
        {
            var readings = passes.Select(p => p.Lines[line]).ToList();
            var distinct = readings.GroupBy(r => r.Text).Select(g => (g.Key, g.Max(r => r.Confidence)))
                .OrderByDescending(v => v.Item2).ToList();
            if (Majority(readings) is { } vote && distinct.All(d => d.Key != vote.Text))
                distinct.Insert(0, vote);
            variants[line] = distinct.Take(MaxVariantsPerLine).ToList();
        }

        MrzReading? best = null;
        var bestConfidence = 0.0;
        List<(string Text, double Confidence)>? bestCombination = null;
        foreach (var combination in Combinations(variants, 0, []))
        {
            var reading = MrzParser.Parse(combination.Select(c => c.Text).ToArray(), today);
            var confidence = combination.Average(c => c.Confidence);
            if (best is null || IsBetter(reading, confidence, best, bestConfidence))
                (best, bestConfidence, bestCombination) = (reading, confidence, combination);
        }
        if (characterVote && best is { IsValid: false } invalid && passes.Count > 1)
            (best, bestConfidence) = Merged(passes, bestCombination!.ToArray(), invalid, bestConfidence, today);
        return (best, best is null ? passes[0].Lines.Average(l => l.Confidence) : bestConfidence);
    }

    /// <summary>Positions of a line where equally long readings disagree that are tried character by character.</summary>
    const int MaxUncertainPositions = 6;

    /// <summary>Characters tried at one uncertain position.</summary>
    const int MaxCharactersPerPosition = 3;

    /// <summary>
    /// Character by character: where passes of the same length disagree on a line, every choice among the
    /// characters they read is tried in the best reading's other lines, one line at a time, and kept when it makes
    /// more check digits agree. Whole-line combinations miss a line each pass misread in a different place.
    /// </summary>
    static (MrzReading? Mrz, double Confidence) Merged(IReadOnlyList<ZonePass> passes, (string Text, double Confidence)[] chosen,
        MrzReading best, double bestConfidence, DateOnly today)
    {
        for (var line = 0; line < chosen.Length; line++)
        {
            var readings = passes.Select(p => p.Lines[line]).Where(r => r.Text.Length == chosen[line].Text.Length).ToList();
            if (readings.Count < 2)
                continue;
            var length = chosen[line].Text.Length;
            var uncertain = Enumerable.Range(0, length).Where(i => readings.Any(r => r.Text[i] != readings[0].Text[i])).ToArray();
            if (uncertain.Length == 0 || uncertain.Length > MaxUncertainPositions)
                continue;
            // The characters most passes read at each place, few enough that the choices stay bounded however many
            // passes are pooled (six places of three characters are 729 parses).
            var options = uncertain.Select(i => readings.GroupBy(r => r.Text[i]).OrderByDescending(g => g.Count())
                .Take(MaxCharactersPerPosition).Select(g => g.Key).ToArray()).ToArray();
            var confidence = readings.Average(r => r.Confidence);
            foreach (var filling in Fillings(options, 0, []))
            {
                var text = chosen[line].Text.ToCharArray();
                for (var k = 0; k < uncertain.Length; k++)
                    text[uncertain[k]] = filling[k];
                var lines = chosen.Select(c => c.Text).ToArray();
                lines[line] = new string(text);
                var reading = MrzParser.Parse(lines, today);
                var candidateConfidence = (chosen.Sum(c => c.Confidence) - chosen[line].Confidence + confidence) / chosen.Length;
                if (IsBetter(reading, candidateConfidence, best, bestConfidence))
                {
                    (best, bestConfidence) = (reading!, candidateConfidence);
                    chosen[line] = (lines[line], confidence);
                }
            }
        }
        return (best, bestConfidence);
    }

    static IEnumerable<char[]> Fillings(char[][] options, int at, char[] prefix)
    {
        if (at == options.Length)
        {
            yield return prefix;
            yield break;
        }
        foreach (var option in options[at])
            foreach (var filling in Fillings(options, at + 1, [.. prefix, option]))
                yield return filling;
    }

    static bool IsBetter(MrzReading? reading, double confidence, MrzReading? best, double bestConfidence) =>
        reading is not null && (best is null
            || (reading.IsValid, reading.CheckDigits.PassingCount, -reading.Repairs, confidence)
                .CompareTo((best.IsValid, best.CheckDigits.PassingCount, -best.Repairs, bestConfidence)) > 0);

    /// <summary>Per position, the character most passes read, over the passes of the most common length (needs three).</summary>
    static (string Text, double Confidence)? Majority(List<(string Text, double Confidence)> readings)
    {
        var sameLength = readings.GroupBy(r => r.Text.Length).MaxBy(g => g.Count())!.ToList();
        if (sameLength.Count < 3)
            return null;
        var length = sameLength[0].Text.Length;
        var voted = new char[length];
        for (var i = 0; i < length; i++)
            voted[i] = sameLength.GroupBy(r => r.Text[i]).MaxBy(g => g.Count())!.Key;
        return (new string(voted), sameLength.Average(r => r.Confidence));
    }

    static IEnumerable<List<(string Text, double Confidence)>> Combinations(List<(string Text, double Confidence)>[] variants, int line, List<(string Text, double Confidence)> prefix)
    {
        if (line == variants.Length)
        {
            yield return prefix;
            yield break;
        }
        foreach (var variant in variants[line])
            foreach (var combination in Combinations(variants, line + 1, [.. prefix, variant]))
                yield return combination;
    }
}
