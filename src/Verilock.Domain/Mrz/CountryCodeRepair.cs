namespace Verilock.Domain.Mrz;

/// <summary>
/// Repairs an issuing state or nationality that is no ICAO code but becomes exactly one with the fewest OCR
/// confusions undone ("0&lt;&lt;" → "D&lt;&lt;", "DKK" → "D&lt;&lt;"). When no known code or several are equally near,
/// the field is left to the generic class repair.
/// </summary>
internal static class CountryCodeRepair
{
    public static int Apply(char[][] lines, MrzSpan field)
    {
        var printed = new string(lines[field.Line], field.Start, field.Length);
        if (IsKnownCode(printed))
            return 0;

        var nearest = new List<string>();
        var fewestChanges = int.MaxValue;
        foreach (var candidate in Readings(printed, 0, ""))
        {
            var changes = Enumerable.Range(0, printed.Length).Count(i => printed[i] != candidate[i]);
            if (!IsKnownCode(candidate) || changes > fewestChanges)
                continue;
            if (changes < fewestChanges)
            {
                fewestChanges = changes;
                nearest.Clear();
            }

            nearest.Add(candidate);
        }

        if (nearest.Count != 1)
            return 0;
        nearest[0].CopyTo(0, lines[field.Line], field.Start, field.Length);
        return fewestChanges;
    }

    // Letters, then only trailing fillers: "D<<" is Germany, "<D<" is nothing.
    private static bool IsKnownCode(string field)
    {
        var code = field.TrimEnd('<');
        return code.Length > 0 && !code.Contains('<') && IcaoCountries.IsKnown(code);
    }

    private static IEnumerable<string> Readings(string printed, int position, string prefix)
    {
        if (position == printed.Length)
        {
            yield return prefix;
            yield break;
        }

        foreach (var c in (char[])[printed[position], .. AlternativesOf(printed[position])])
            foreach (var reading in Readings(printed, position + 1, prefix + c))
                yield return reading;
    }

    // Letters only here, so a digit is some letter for sure, and O/D/Q may be each other: the code table decides.
    private static IEnumerable<char> AlternativesOf(char c) => c switch
    {
        '0' or 'O' or 'D' or 'Q' => ((char[])['O', 'D', 'Q']).Where(letter => letter != c),
        _ when OcrConfusions.LooksLikeFiller(c) => ['<'],
        _ => OcrConfusions.AlternativesOf(c).Where(char.IsAsciiLetterUpper),
    };
}
