using Verilock.Domain.Mrz;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Licences;

/// <summary>
/// Compares the applicant with a licence barcode (spec §15 data_consistency), by the MRZ's rules: names in ICAO
/// letters, word breaks and punctuation aside. A licence states no nationality (its country is where it was issued,
/// not whose citizen the holder is), so <c>nationality_match</c> is never compared.
/// </summary>
public static class LicenceApplicantComparison
{
    public static DataConsistency Compare(Applicant applicant, AamvaLicence licence)
    {
        ArgumentNullException.ThrowIfNull(applicant);
        ArgumentNullException.ThrowIfNull(licence);
        var name = PrintedName.FromDocumentText(licence.Surname, licence.GivenNames);
        return new DataConsistency(
            MrzApplicantComparison.NameMatch(applicant, name), MrzApplicantComparison.DobMatch(applicant, licence.BirthDate), null);
    }
}
