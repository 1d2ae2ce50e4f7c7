using Verilock.Domain.Licences;
using Verilock.Domain.Mrz;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Tests.Licences;

public class LicenceApplicantComparisonTests
{
    private static AamvaLicence Licence(string text) => AamvaParser.Parse(text).Licence!;

    private static Applicant Person(string? first, string? last, DateOnly? birth = null, string? nationality = null) =>
        new(first, last, null, birth, nationality);

    [Fact]
    public void The_holder_matches_on_name_and_birth_date_and_nationality_is_never_compared()
    {
        var consistency = LicenceApplicantComparison.Compare(Person("Anna", "Martinez", new DateOnly(1985, 8, 31), "US"), Licence(AamvaSamples.CaliforniaV10()));
        Assert.Equal(new DataConsistency(true, true, null), consistency);
    }

    [Theory]
    [InlineData("Sean", "O'Brien", true)]     // the barcode prints O'BRIEN; ICAO letters drop the apostrophe on both sides
    [InlineData("sean", "obrien", true)]
    [InlineData("Sean", "Bryan", false)]
    [InlineData("Shaun", "O'Brien", false)]
    [InlineData(null, "O'Brien", true)]       // only what the applicant gave is compared
    public void Names_compare_in_ICAO_letters(string? first, string? last, bool expected) =>
        Assert.Equal(expected, LicenceApplicantComparison.Compare(Person(first, last), Licence(AamvaSamples.VirginiaIdV8())).NameMatch);

    [Fact]
    public void Accented_names_on_a_Canadian_licence_match_the_plain_spelling()
    {
        // Ontario prints ÉLISE; ICAO writes it ELISE, as an applicant typing without accents would.
        var licence = Licence(AamvaSamples.OntarioV8());
        Assert.True(LicenceApplicantComparison.Compare(Person("Elise", "Tremblay"), licence).NameMatch);
        Assert.True(LicenceApplicantComparison.Compare(Person("Élise", "Tremblay"), licence).NameMatch);
    }

    [Fact]
    public void A_different_birth_date_is_a_mismatch_and_a_missing_one_is_not_compared()
    {
        var licence = Licence(AamvaSamples.CaliforniaV10());
        Assert.False(LicenceApplicantComparison.Compare(Person("Anna", "Martinez", new DateOnly(1985, 8, 30)), licence).DobMatch);
        Assert.Null(LicenceApplicantComparison.Compare(Person("Anna", "Martinez"), licence).DobMatch);
    }

    [Fact]
    public void Expiry_is_inclusive_and_a_licence_without_one_never_expires()
    {
        var licence = Licence(AamvaSamples.CaliforniaV10());
        Assert.False(licence.IsExpired(new DateOnly(2029, 8, 31)));
        Assert.True(licence.IsExpired(new DateOnly(2029, 9, 1)));
        Assert.False((licence with { ExpiryDate = null }).IsExpired(new DateOnly(2100, 1, 1)));
        Assert.Equal(("driving_license", "id_card"), (licence.SpecDocumentType, Licence(AamvaSamples.VirginiaIdV8()).SpecDocumentType));
    }
}
