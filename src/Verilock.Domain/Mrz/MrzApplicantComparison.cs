using Verilock.Domain.Sessions;

namespace Verilock.Domain.Mrz;

/// <summary>Compares what the integrator said about the applicant with the document's MRZ (API spec §9 data_consistency).</summary>
public static class MrzApplicantComparison
{
    public static DataConsistency Compare(Applicant applicant, MrzReading mrz)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(mrz);
        var name = new PrintedName(mrz.Surname, mrz.GivenNames, mrz.NameMayBeTruncated);
        return new DataConsistency(NameMatch(applicant, name), DobMatch(applicant, mrz.DateOfBirth), NationalityMatch(applicant, mrz));
    }

    /// <summary>Whether the applicant's names are the printed ones; null when either side has nothing to compare.</summary>
    public static bool? NameMatch(Applicant applicant, PrintedName printed)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(printed);
        var surnames = Spellings(applicant.LastName);
        var givenNames = Spellings(applicant.FirstName);
        if ((surnames is null && givenNames is null) || printed.Surname.Length == 0)
            return null;

        return (surnames is null || surnames.Any(words => MrzNameMatching.SurnameMatches(words, printed)))
            && (givenNames is null || givenNames.Any(words => MrzNameMatching.GivenNamesMatch(words, printed)));
    }

    public static bool? DobMatch(Applicant applicant, DateOnly? printed) =>
        applicant.DateOfBirth is { } given && printed is { } onDocument ? given == onDocument : null;

    // Null when the applicant gave nothing we can spell in MRZ letters (blank, or a script ICAO's tables lack).
    private static IReadOnlyList<string[]>? Spellings(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return null;
        var spellings = IcaoTransliteration.Spellings(name);
        return spellings.Count == 0 ? null : spellings;
    }

    // The applicant gives ISO alpha-2, the MRZ ICAO alpha-3 or a special code. A document that names no country
    // (stateless, refugee, organisation) contradicts a claimed nationality; a code we do not know says nothing.
    private static bool? NationalityMatch(Applicant applicant, MrzReading mrz)
    {
        if (string.IsNullOrWhiteSpace(applicant.Nationality) || mrz.Nationality.Length == 0)
            return null;
        if (IcaoCountries.ToAlpha2(mrz.Nationality) is { } alpha2)
            return string.Equals(alpha2, applicant.Nationality.Trim(), StringComparison.OrdinalIgnoreCase);
        return IcaoCountries.IsKnown(mrz.Nationality) ? false : null;
    }
}
