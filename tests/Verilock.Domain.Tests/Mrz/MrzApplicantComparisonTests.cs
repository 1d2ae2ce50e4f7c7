using Verilock.Domain.Mrz;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Tests.Mrz;

public class MrzApplicantComparisonTests
{
    private static readonly DateOnly Today = Specimens.Today;

    [Theory]
    [InlineData("MUELLER")]
    [InlineData("MULLER")]
    public void Umlaut_matches_either_icao_spelling(string printed)
    {
        var mrz = Td3(name: printed + "<<JURGEN", nationality: "D");

        Assert.True(Compare(new Applicant("Jürgen", "Müller", null, null, null), mrz).NameMatch);
    }

    [Fact]
    public void Umlaut_spelling_is_not_a_free_for_all()
    {
        var mrz = Td3(name: "MILLER<<JURGEN");

        Assert.False(Compare(new Applicant("Jürgen", "Müller", null, null, null), mrz).NameMatch);
    }

    [Theory]
    [InlineData("Søren", "Kierkegaard", "KIERKEGAARD<<SOEREN")]
    [InlineData("Ætla", "Þórsdóttir", "THORSDOTTIR<<AETLA")]
    [InlineData("Hans", "Groß", "GROSS<<HANS")]
    [InlineData("José", "Muñoz", "MUNOZ<<JOSE")]
    [InlineData("Åsa", "Ångström", "AANGSTROEM<<AASA")]
    [InlineData("Åsa", "Ångström", "ANGSTROM<<ASA")]
    [InlineData("Сергей", "Щербаков", "SHCHERBAKOV<<SERGEI")]
    [InlineData("Юлия", "Ильина", "ILINA<<IULIIA")]
    [InlineData("seán", "o'brien", "OBRIEN<<SEAN")]
    public void Applicant_names_are_transliterated_the_icao_way(string first, string last, string printed) =>
        Assert.True(Compare(new Applicant(first, last, null, null, null), Td3(name: printed)).NameMatch);

    [Fact]
    public void Extra_given_names_on_the_document_are_ignored_but_the_surname_must_match()
    {
        var mrz = MrzParser.Parse(Specimens.Td3, Today)!;

        Assert.True(Compare(new Applicant("Anna", "Eriksson", null, null, null), mrz).NameMatch);
        Assert.True(Compare(new Applicant("Maria", "Eriksson", null, null, null), mrz).NameMatch);
        Assert.True(Compare(new Applicant("anna maria", "ERIKSSON", null, null, null), mrz).NameMatch);
        Assert.False(Compare(new Applicant("Anna", "Andersson", null, null, null), mrz).NameMatch);
        Assert.False(Compare(new Applicant("Anna Maria Louise", "Eriksson", null, null, null), mrz).NameMatch);
        Assert.False(Compare(new Applicant("Maria Anna", "Eriksson", null, null, null), mrz).NameMatch);
    }

    [Theory]
    [InlineData("García-López", "GARCIA<LOPEZ")]
    [InlineData("García López", "GARCIA<LOPEZ")]
    [InlineData("Garcia-Lopez", "GARCIALOPEZ")]
    public void Hyphens_and_spaces_in_surnames_are_the_same(string surname, string printed) =>
        Assert.True(Compare(new Applicant("Ana", surname, null, null, null), Td3(name: printed + "<<ANA")).NameMatch);

    [Fact]
    public void Hyphenated_given_name_matches_the_printed_words()
    {
        var mrz = Td3(name: "DUPONT<<JEAN<PIERRE");

        Assert.True(Compare(new Applicant("Jean-Pierre", "Dupont", null, null, null), mrz).NameMatch);
    }

    [Fact]
    public void Name_cut_at_the_end_of_the_field_matches_the_full_name()
    {
        // Exactly 39 characters, no filler left: "CHRISTINA SOPHIE" did not fit and was cut to "CHRISTIN".
        var cut = Td3(name: "VANDENBERGHEN<<ALEXANDRA<MARIA<CHRISTIN");

        Assert.True(cut.NameMayBeTruncated);
        Assert.Equal("ALEXANDRA MARIA CHRISTIN", cut.GivenNames);
        Assert.True(Compare(new Applicant("Alexandra Maria Christina Sophie", "Vandenberghen", null, null, null), cut).NameMatch);
        Assert.True(Compare(new Applicant("Alexandra", "Vandenberghen", null, null, null), cut).NameMatch);
        Assert.False(Compare(new Applicant("Alexandra Maria Karin", "Vandenberghen", null, null, null), cut).NameMatch);
        Assert.False(Compare(new Applicant("Peter", "Vandenberghen", null, null, null), cut).NameMatch);
    }

    [Fact]
    public void Truncation_is_not_assumed_when_the_name_ends_in_fillers()
    {
        var mrz = Td3(name: "ERIKSSON<<CHRISTIN");

        Assert.False(mrz.NameMayBeTruncated);
        Assert.False(Compare(new Applicant("Christina", "Eriksson", null, null, null), mrz).NameMatch);
    }

    [Fact]
    public void Surname_cut_at_the_end_of_the_field_matches_the_full_surname()
    {
        var mrz = Td3(name: "WOLFESCHLEGELSTEINHAUSENBERGERDORFFWELC");

        Assert.Equal("", mrz.GivenNames);
        Assert.True(Compare(new Applicant("Hubert", "Wolfeschlegelsteinhausenbergerdorffwelche", null, null, null), mrz).NameMatch);
        Assert.False(Compare(new Applicant("Hubert", "Wolfe", null, null, null), mrz).NameMatch);
    }

    [Fact]
    public void Birth_date_must_be_the_same_day()
    {
        var mrz = MrzParser.Parse(Specimens.Td3, Today)!;

        Assert.True(Compare(new Applicant(null, null, null, new DateOnly(1974, 8, 12), null), mrz).DobMatch);
        Assert.False(Compare(new Applicant(null, null, null, new DateOnly(1974, 8, 13), null), mrz).DobMatch);
        Assert.False(Compare(new Applicant(null, null, null, new DateOnly(2074, 8, 12), null), mrz).DobMatch);
    }

    [Theory]
    [InlineData("FR", "FRA", true)]
    [InlineData("fr", "FRA", true)]
    [InlineData("DE", "D", true)]
    [InlineData("DE", "DEU", true)]
    [InlineData("GB", "GBD", true)]
    [InlineData("XK", "RKS", true)]
    [InlineData("DE", "FRA", false)]
    [InlineData("SY", "XXA", false)]
    [InlineData("FR", "UTO", null)]
    public void Nationality_alpha2_is_compared_with_the_icao_code(string applicant, string printed, bool? match) =>
        Assert.Equal(match, Compare(new Applicant(null, null, null, null, applicant), Td3(nationality: printed)).NationalityMatch);

    [Fact]
    public void Nothing_given_compares_as_null()
    {
        var mrz = MrzParser.Parse(Specimens.Td3, Today)!;

        Assert.Equal(new DataConsistency(null, null, null), Compare(Applicant.Empty, mrz));
        Assert.Equal(new DataConsistency(null, null, null), Compare(new Applicant(" ", "", "a@b.c", null, " "), mrz));
    }

    [Fact]
    public void Only_the_given_parts_of_a_name_are_compared()
    {
        var mrz = MrzParser.Parse(Specimens.Td3, Today)!;

        Assert.True(Compare(new Applicant(null, "Eriksson", null, null, null), mrz).NameMatch);
        Assert.False(Compare(new Applicant("Peter", null, null, null, null), mrz).NameMatch);
    }

    [Fact]
    public void Unreadable_document_birth_date_compares_as_null()
    {
        var mrz = Td3(birth: "740800");

        Assert.Null(Compare(new Applicant(null, null, null, new DateOnly(1974, 8, 1), null), mrz).DobMatch);
    }

    private static DataConsistency Compare(Applicant applicant, MrzReading mrz) => MrzApplicantComparison.Compare(applicant, mrz);

    private static MrzReading Td3(string name = "ERIKSSON<<ANNA<MARIA", string nationality = "UTO", string birth = "740812") =>
        MrzParser.Parse(MrzLines.Td3(name: name, nationality: nationality, birth: birth), Today)!;
}
