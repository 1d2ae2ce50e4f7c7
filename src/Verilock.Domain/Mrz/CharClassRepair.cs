namespace Verilock.Domain.Mrz;

/// <summary>
/// Fixes characters that cannot stand where they are: a letter where only digits may be, a digit where only letters
/// may be, a filler look-alike in the sex field. Each such fix is unambiguous, so no check digit needs to confirm it.
/// </summary>
internal static class CharClassRepair
{
    public static int Apply(char[][] lines, MrzLayout layout)
    {
        var repairs = 0;
        for (var line = 0; line < layout.LineCount; line++)
        {
            for (var index = 0; index < layout.LineLength; index++)
            {
                var printed = lines[line][index];
                var repaired = Repair(printed, layout.ClassAt(line, index));
                if (repaired == printed)
                    continue;
                lines[line][index] = repaired;
                repairs++;
            }
        }

        return repairs;
    }

    private static char Repair(char c, MrzCharClass charClass) => charClass switch
    {
        MrzCharClass.Letters when char.IsAsciiDigit(c) => OcrConfusions.LetterFor(c) ?? c,
        MrzCharClass.Digits when char.IsAsciiLetterUpper(c) => OcrConfusions.DigitFor(c) ?? (OcrConfusions.LooksLikeFiller(c) ? '<' : c),
        MrzCharClass.Sex when OcrConfusions.LooksLikeFiller(c) => '<',
        _ => c,
    };
}
