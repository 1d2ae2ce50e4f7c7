namespace Verilock.Domain.Mrz;

/// <summary>
/// Compares an applicant's name, already spelled the ICAO way, with the one a document prints (an MRZ's, a licence barcode's). Word breaks do not matter (hyphen,
/// space or none), the MRZ may carry given names the applicant left out, and a name the MRZ cut at the end of its
/// field matches the longer name it was cut from.
/// </summary>
internal static class MrzNameMatching
{
    public static bool SurnameMatches(string[] applicantWords, PrintedName printedName)
    {
        var applicant = string.Concat(applicantWords);
        var printed = printedName.Surname.Replace(" ", "");
        return applicant == printed
            || (printedName.MayBeTruncated && printed.Length > 0 && applicant.StartsWith(printed, StringComparison.Ordinal));
    }

    public static bool GivenNamesMatch(string[] applicantWords, PrintedName printedName)
    {
        var printed = printedName.GivenNames.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (string.Concat(applicantWords) == string.Concat(printed))
            return true;

        // Each applicant name must appear, in order, among the printed ones. When the zone was cut, its last name
        // may be the start of the applicant's, and the applicant's names after the cut are not there to compare.
        var next = 0;
        var lastMatched = -1;
        foreach (var word in applicantWords)
        {
            while (next < printed.Length && !SameName(word, printed[next], isLast: next == printed.Length - 1, printedName.MayBeTruncated))
                next++;
            if (next == printed.Length)
                return printedName.MayBeTruncated && lastMatched == printed.Length - 1;
            lastMatched = next++;
        }

        return true;
    }

    private static bool SameName(string applicant, string printed, bool isLast, bool truncated) =>
        applicant == printed || (isLast && truncated && applicant.StartsWith(printed, StringComparison.Ordinal));
}
