using Verilock.Domain.Licences;

namespace Verilock.Domain.Tests.Licences;

public class AamvaParserTests
{
    private static AamvaLicence Parsed(string text)
    {
        var result = AamvaParser.Parse(text);
        Assert.Null(result.Failure);
        return result.Licence!;
    }

    [Fact]
    public void Version10_california_reads_every_field_with_us_dates()
    {
        var licence = Parsed(AamvaSamples.CaliforniaV10());
        Assert.Equal(new AamvaLicence("636014", 10, "DL", "D1234567", "MARTINEZ", "ANNA MARIE",
            new DateOnly(1985, 8, 31), new DateOnly(2029, 8, 31), new DateOnly(2021, 8, 31), "F", "CA", "US"), licence);
    }

    [Fact]
    public void Version9_texas_reads_number_listed_after_the_address()
    {
        var licence = Parsed(AamvaSamples.TexasV9());
        Assert.Equal(("12345678", "NGUYEN", "THANH VAN", "M", "TX"), (licence.DocumentNumber, licence.Surname, licence.GivenNames, licence.Sex, licence.Jurisdiction));
        Assert.Equal(new DateOnly(2000, 1, 15), licence.BirthDate);
        Assert.Equal(new DateOnly(2028, 1, 15), licence.ExpiryDate);
    }

    [Fact]
    public void Version8_id_card_drops_a_none_middle_name()
    {
        var licence = Parsed(AamvaSamples.VirginiaIdV8());
        Assert.Equal(("ID", "O'BRIEN", "SEAN", 8), (licence.DocumentType, licence.Surname, licence.GivenNames, licence.AamvaVersion));
        Assert.Equal(new DateOnly(1970, 12, 10), licence.BirthDate);
    }

    [Fact]
    public void Version3_takes_given_names_from_dct()
    {
        var licence = Parsed(AamvaSamples.FloridaV3());
        Assert.Equal(("SMITH", "JOHN PAUL"), (licence.Surname, licence.GivenNames));
        Assert.Equal(new DateOnly(1990, 6, 30), licence.BirthDate);
    }

    [Fact]
    public void Version1_splits_the_full_name_and_reads_year_first_dates()
    {
        var licence = Parsed(AamvaSamples.MassachusettsV1());
        Assert.Equal(("JONES", "MARY ELIZABETH", "F", 1), (licence.Surname, licence.GivenNames, licence.Sex, licence.AamvaVersion));
        Assert.Equal(new DateOnly(1980, 4, 15), licence.BirthDate);
        Assert.Equal(new DateOnly(2027, 4, 15), licence.ExpiryDate);
    }

    [Fact]
    public void Canadian_licence_reads_year_first_dates_and_country_ca()
    {
        var licence = Parsed(AamvaSamples.OntarioV8());
        Assert.Equal(("CA", "ON", "ÉLISE"), (licence.Country, licence.Jurisdiction, licence.GivenNames));
        Assert.Equal(new DateOnly(1995, 1, 2), licence.BirthDate);
        Assert.Equal(new DateOnly(2030, 1, 2), licence.ExpiryDate);
    }

    [Theory]
    [InlineData(7)]
    [InlineData(-3)]
    [InlineData(5000)]
    public void Wrong_subfile_offset_still_finds_the_licence(int skew) =>
        Assert.Equal("D1234567", Parsed(AamvaSamples.CaliforniaV10(skew)).DocumentNumber);

    [Fact]
    public void Crlf_separators_read_the_same() =>
        Assert.Equal(Parsed(AamvaSamples.CaliforniaV10()), Parsed(AamvaSamples.CaliforniaV10(separator: "\r\n")));

    [Theory]
    [InlineData(null, "empty")]
    [InlineData("", "empty")]
    [InlineData("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "not_aamva")]
    [InlineData("@\n\x1e\rANSI 636014100102", "no_licence_subfile")]
    [InlineData("@\n\x1e\rANSI 636014100101DL00000000DLDCSX\r", "missing_document_number")]
    public void Malformed_text_fails_with_a_reason(string? text, string reason) =>
        Assert.Equal(reason, AamvaParser.Parse(text).Failure);

    [Fact]
    public void Missing_birth_date_is_a_failure_not_a_guess()
    {
        var text = AamvaSamples.CaliforniaV10().Replace("DBB08311985", "DBB13451985");
        Assert.Equal("missing_birth_date", AamvaParser.Parse(text).Failure);
    }

    [Fact]
    public void Oversized_input_is_refused_without_scanning() =>
        Assert.Equal("too_long", AamvaParser.Parse(AamvaSamples.CaliforniaV10() + new string('D', AamvaParser.MaxLength)).Failure);

    [Fact]
    public void Hostile_input_never_throws()
    {
        var random = new Random(20);
        var sample = AamvaSamples.CaliforniaV10();
        for (var i = 0; i < 2000; i++)
        {
            var chars = sample.ToCharArray();
            for (var j = 0; j < 1 + i % 12; j++)
                chars[random.Next(chars.Length)] = (char)random.Next(0, 0x3000);
            var mangled = new string(chars, 0, random.Next(chars.Length + 1));
            _ = AamvaParser.Parse(mangled); // must return, whatever it says
        }
    }
}
