namespace Verilock.Domain.Mrz;

/// <summary>Finds, repairs, reads and validates an ICAO 9303 machine-readable zone in OCR output.</summary>
public static class MrzParser
{
    // A group of lines is taken for an MRZ only if it starts like one: passports P, identity cards A/C/I, visas V.
    private const string DocumentCodeLetters = "ACIPV";

    /// <summary>
    /// Reads the zone among <paramref name="lines"/> (OCR text, possibly with junk lines, spaces, wrong case and
    /// slightly wrong lengths). Returns null when no MRZ of any format is recognisable. <paramref name="today"/>
    /// decides expiry and the century of two-digit years.
    /// </summary>
    public static MrzReading? Parse(IReadOnlyList<string> lines, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(lines);
        MrzReading? best = null;
        var bestScore = int.MinValue;
        foreach (var candidate in MrzCandidates.Find(lines))
        {
            var zone = MrzRepair.Apply(candidate);
            var reading = MrzFieldReader.Read(candidate.Layout, zone.Lines, zone.Repairs, today);
            if (!LooksLikeMrz(reading))
                continue;
            var score = Score(reading);
            if (score <= bestScore)
                continue;
            best = reading;
            bestScore = score;
        }

        return best;
    }

    // A real zone with every check digit damaged still has its filler runs; prose that happens to be the right
    // length has neither.
    private static bool LooksLikeMrz(MrzReading reading) =>
        reading.DocumentCode.Length > 0
        && DocumentCodeLetters.Contains(reading.DocumentCode[0])
        && (reading.CheckDigits.PassingCount > 0 || reading.Lines[0].Contains("<<", StringComparison.Ordinal));

    // Each agreeing check digit outweighs any plausible number of repairs; among equals, the reading that needed
    // fewer changes and names real countries wins.
    private static int Score(MrzReading reading) =>
        reading.CheckDigits.PassingCount * 100
        - reading.Repairs * 2
        + (reading.IssuingStateIsKnown ? 1 : 0)
        + (reading.NationalityIsKnown ? 1 : 0);
}
