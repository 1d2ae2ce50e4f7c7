namespace Verilock.Domain.Mrz;

/// <summary>
/// Document numbers and optional data may hold letters and digits alike, so a confusion there (O for 0, B for 8)
/// is undone only when its check digit disagrees as printed and exactly one single-character change makes it agree.
/// Two different changes that both agree leave the field as printed: we never invent a plausible wrong number.
/// </summary>
internal static class CheckDigitRepair
{
    public static int Apply(char[][] lines, MrzLayout layout)
    {
        var repairs = RepairOne(lines, layout, DocumentNumberFields(lines, layout), checks => checks.DocumentNumber);
        if (layout.OptionalDataCheck is not null)
            repairs += RepairOne(lines, layout, layout.OptionalData, checks => checks.OptionalData == true);

        // TD1/TD2 optional data has no check digit of its own; the composite can speak for it only when every
        // other field it covers already agrees, so the disagreement must come from the optional data.
        var current = Checks(lines, layout);
        if (layout.Composite is not null && layout.OptionalDataCheck is null
            && current.DocumentNumber && current.DateOfBirth && current.ExpiryDate)
            repairs += RepairOne(lines, layout, layout.OptionalData, checks => checks.Composite == true);
        return repairs;
    }

    private static IReadOnlyList<MrzSpan> DocumentNumberFields(char[][] lines, MrzLayout layout)
    {
        var check = layout.DocumentNumberCheck;
        var overflows = layout.DocumentNumberCanOverflow && lines[check.Line][check.Start] == '<';
        return overflows ? [layout.DocumentNumber, layout.OptionalData[0]] : [layout.DocumentNumber];
    }

    private static int RepairOne(char[][] lines, MrzLayout layout, IEnumerable<MrzSpan> fields, Func<MrzCheckDigits, bool> agrees)
    {
        var before = Checks(lines, layout);
        if (agrees(before))
            return 0;

        var fixes = new List<(int Line, int Index, char Character)>();
        foreach (var field in fields)
        {
            foreach (var (line, index) in field.Positions())
            {
                var printed = lines[line][index];
                foreach (var alternative in OcrConfusions.AlternativesOf(printed))
                {
                    if (alternative == '<' && !OnlyFillersFollow(lines[line], index, field))
                        continue;
                    lines[line][index] = alternative;
                    var after = Checks(lines, layout);
                    if (agrees(after) && !BreaksAny(before, after) && CompositeConfirms(after))
                        fixes.Add((line, index, alternative));
                    lines[line][index] = printed;
                }
            }
        }

        if (fixes.Count != 1)
            return 0;
        var fix = fixes[0];
        lines[fix.Line][fix.Index] = fix.Character;
        return 1;
    }

    // A true fix undoes a misread, so every check digit that agreed before still agrees; the composite covers the
    // document number, so it vetoes a "fix" that only matches a misread document number check digit.
    private static bool BreaksAny(MrzCheckDigits before, MrzCheckDigits after) =>
        (before.DocumentNumber && !after.DocumentNumber)
        || (before.DateOfBirth && !after.DateOfBirth)
        || (before.ExpiryDate && !after.ExpiryDate)
        || (before.OptionalData == true && after.OptionalData != true)
        || (before.Composite == true && after.Composite != true);

    // Once every field's own check digit agrees, the composite must agree as well: otherwise the "fix" only matched
    // a misread check digit and the number we would report is not the one printed.
    private static bool CompositeConfirms(MrzCheckDigits after) =>
        after.Composite != false || !(after.DocumentNumber && after.DateOfBirth && after.ExpiryDate && after.OptionalData != false);

    // Fillers only pad a field's end; a filler in the middle of a number is no reading of it.
    private static bool OnlyFillersFollow(char[] line, int index, MrzSpan field)
    {
        for (var i = index + 1; i < field.Start + field.Length; i++)
            if (line[i] != '<')
                return false;
        return true;
    }

    private static MrzCheckDigits Checks(char[][] lines, MrzLayout layout) =>
        MrzFieldReader.CheckDigits(layout, lines.Select(line => new string(line)).ToArray());
}
