namespace Verilock.Domain.Mrz;

/// <summary>One way of reading some OCR lines as a zone of one format, lines already of the exact length.</summary>
internal sealed record MrzCandidate(MrzLayout Layout, string[] Lines, int Repairs);

/// <summary>Finds the groups of consecutive OCR lines that could be a machine-readable zone, in every fitting shape.</summary>
internal static class MrzCandidates
{
    // Bounds the combinations a badly read TD1 (three lines, each with several fits) can produce.
    private const int MaxVariantsPerLine = 12;

    private static readonly (int LineCount, int LineLength)[] Shapes = [(3, 30), (2, 36), (2, 44)];

    public static IEnumerable<MrzCandidate> Find(IReadOnlyList<string> ocrLines)
    {
        // Blank lines and short captions between or around the zone are not part of it.
        var lines = ocrLines
            .Select(MrzLineNormaliser.Variants)
            .Where(variants => variants.Any(v => v.Text.Length >= 30 - MrzLineFitting.MaxSlack && v.Text.Length <= 44 + MrzLineFitting.MaxSlack))
            .ToList();

        foreach (var (lineCount, lineLength) in Shapes)
        {
            for (var first = 0; first + lineCount <= lines.Count; first++)
            {
                var fits = lines.Skip(first).Take(lineCount)
                    .Select(variants => variants.SelectMany(v => MrzLineFitting.Fit(v, lineLength)).Take(MaxVariantsPerLine).ToList())
                    .ToList();
                foreach (var combination in Combinations(fits, 0, []))
                {
                    var texts = combination.Select(line => line.Text).ToArray();
                    yield return new MrzCandidate(LayoutFor(lineCount, lineLength, texts[0][0]), texts, combination.Sum(line => line.Repairs));
                }
            }
        }
    }

    private static MrzLayout LayoutFor(int lineCount, int lineLength, char documentCode) => (lineCount, lineLength) switch
    {
        (3, _) => MrzLayouts.Td1,
        (_, 36) => documentCode == 'V' ? MrzLayouts.MrvB : MrzLayouts.Td2,
        _ => documentCode == 'V' ? MrzLayouts.MrvA : MrzLayouts.Td3,
    };

    private static IEnumerable<RepairedText[]> Combinations(List<List<RepairedText>> fits, int line, RepairedText[] chosen)
    {
        if (line == fits.Count)
        {
            yield return chosen;
            yield break;
        }

        foreach (var fit in fits[line])
            foreach (var combination in Combinations(fits, line + 1, [.. chosen, fit]))
                yield return combination;
    }
}
