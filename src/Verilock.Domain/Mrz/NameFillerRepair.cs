namespace Verilock.Domain.Mrz;

/// <summary>
/// OCR often reads the run of fillers after a name as K, C or L ("ANNA&lt;MARIAKKKKKK"). A real name can end in those
/// letters too ("ERIK", "HALL"), and no check digit covers names, so the rule is deliberately cautious.
/// </summary>
internal static class NameFillerRepair
{
    // Names seldom end in more than two of K/C/L ("BECK", "HALL"); a longer run is fillers.
    private const int LongestNameEnding = 2;

    public static int Apply(char[][] lines, MrzSpan name)
    {
        var line = lines[name.Line];
        var end = name.Start + name.Length;
        var runStart = end;
        while (runStart > name.Start && (line[runStart - 1] == '<' || OcrConfusions.LooksLikeFiller(line[runStart - 1])))
            runStart--;

        var attachedEnd = runStart;
        while (attachedEnd < end && line[attachedEnd] != '<')
            attachedEnd++;
        var attachedLength = attachedEnd - runStart;
        var hasRealFiller = attachedEnd < end;

        // The look-alikes right after the last letter are kept as that name's ending when they are short and a real
        // filler follows them ("ERIK<<<<"), or when the whole run is too short to tell ("...MACK" at the field end).
        var keepAttached = runStart > name.Start && attachedLength <= LongestNameEnding;
        var firstToRepair = keepAttached && (hasRealFiller || end - runStart <= LongestNameEnding) ? attachedEnd : runStart;

        var repairs = 0;
        for (var i = firstToRepair; i < end; i++)
        {
            if (line[i] == '<')
                continue;
            line[i] = '<';
            repairs++;
        }

        return repairs;
    }
}
