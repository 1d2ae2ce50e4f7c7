using Verilock.Domain.Mrz;

namespace Verilock.Domain.Tests.Mrz;

public class MrzValidationTests
{
    private static readonly DateOnly Today = new(2025, 3, 1);

    [Fact]
    public void Wrong_document_number_check_digit_fails_that_check_only_and_the_number_is_left_alone()
    {
        var mrz = Parse(MrzLines.Td3(documentCheck: '5'));

        Assert.Equal(new MrzCheckDigits(false, true, true, true, true), mrz.CheckDigits);
        Assert.False(mrz.IsValid);
        Assert.Equal("L898902C3", mrz.DocumentNumber);
        Assert.Equal(0, mrz.Repairs);
    }

    [Fact]
    public void Wrong_birth_date_check_digit_fails_that_check_only()
    {
        var mrz = Parse(MrzLines.Td3(birthCheck: MrzLines.WrongCheck("740812")));

        Assert.Equal(new MrzCheckDigits(true, false, true, true, true), mrz.CheckDigits);
        Assert.False(mrz.IsValid);
        Assert.Equal(new DateOnly(1974, 8, 12), mrz.DateOfBirth);
    }

    [Fact]
    public void Wrong_expiry_check_digit_fails_that_check_only()
    {
        var mrz = Parse(MrzLines.Td3(expiryCheck: MrzLines.WrongCheck("120415")));

        Assert.Equal(new MrzCheckDigits(true, true, false, true, true), mrz.CheckDigits);
        Assert.False(mrz.IsValid);
    }

    [Fact]
    public void Wrong_personal_number_check_digit_fails_that_check_only()
    {
        var mrz = Parse(MrzLines.Td3(optionalCheck: MrzLines.WrongCheck("ZE184226B<<<<<")));

        Assert.Equal(new MrzCheckDigits(true, true, true, false, true), mrz.CheckDigits);
        Assert.False(mrz.IsValid);
        Assert.Equal("ZE184226B", mrz.OptionalData);
    }

    [Fact]
    public void Wrong_composite_alone_fails_only_the_composite()
    {
        var td3 = MrzLines.Td3(composite: '9');
        var td1 = MrzLines.Td1(composite: '1');

        Assert.Equal(new MrzCheckDigits(true, true, true, true, false), Parse(td3).CheckDigits);
        Assert.Equal(new MrzCheckDigits(true, true, true, null, false), Parse(td1).CheckDigits);
        Assert.False(Parse(td3).IsValid);
        Assert.False(Parse(td1).IsValid);
    }

    [Fact]
    public void Empty_personal_number_may_carry_a_filler_check_digit()
    {
        var filler = Parse(MrzLines.Td3(optional: "", optionalCheck: '<'));
        var fillerOverData = Parse(MrzLines.Td3(optionalCheck: '<'));

        Assert.True(filler.IsValid);
        Assert.Equal("", filler.OptionalData);
        Assert.Equal(false, fillerOverData.CheckDigits.OptionalData);
    }

    [Fact]
    public void Unknown_issuing_state_is_flagged_but_does_not_invalidate_the_check_digits()
    {
        var mrz = Parse(MrzLines.Td3(state: "ZZZ", nationality: "FRA"));

        Assert.Equal("ZZZ", mrz.IssuingState);
        Assert.False(mrz.IssuingStateIsKnown);
        Assert.True(mrz.NationalityIsKnown);
        Assert.True(mrz.IsValid);
    }

    [Fact]
    public void Germany_prints_a_one_letter_code()
    {
        var mrz = Parse(MrzLines.Td3(state: "D", nationality: "D"));

        Assert.Equal("D", mrz.IssuingState);
        Assert.Equal("D", mrz.Nationality);
        Assert.True(mrz.IssuingStateIsKnown);
    }

    [Theory]
    [InlineData("741312")]
    [InlineData("740832")]
    [InlineData("740231")]
    [InlineData("000000")]
    [InlineData("740800")]
    public void Impossible_birth_dates_read_as_null_while_the_check_digit_is_still_judged(string birth)
    {
        var mrz = Parse(MrzLines.Td3(birth: birth));

        Assert.Null(mrz.DateOfBirth);
        Assert.True(mrz.CheckDigits.DateOfBirth);
        Assert.True(mrz.IsValid);
    }

    [Fact]
    public void Unknown_birth_date_in_fillers_reads_as_null()
    {
        var mrz = Parse(MrzLines.Td3(birth: "<<<<<<", birthCheck: '<'));

        Assert.Null(mrz.DateOfBirth);
        Assert.True(mrz.CheckDigits.DateOfBirth);
    }

    [Theory]
    [InlineData("250228", true)]
    [InlineData("250301", false)]
    [InlineData("300101", false)]
    public void Expiry_is_judged_against_today_and_the_expiry_day_itself_is_still_valid(string expiry, bool expired)
    {
        var mrz = Parse(MrzLines.Td3(expiry: expiry));

        Assert.Equal(expired, mrz.IsExpired(Today));
    }

    [Theory]
    [InlineData("250301", 2025)]
    [InlineData("250302", 1925)]
    [InlineData("000229", 2000)]
    [InlineData("991231", 1999)]
    public void Birth_year_is_the_latest_century_not_after_today(string birth, int year) =>
        Assert.Equal(year, Parse(MrzLines.Td3(birth: birth)).DateOfBirth?.Year);

    [Theory]
    [InlineData("750101", 2075)]
    [InlineData("760101", 1976)]
    [InlineData("120415", 2012)]
    public void Expiry_year_lies_within_fifty_years_of_today(string expiry, int year) =>
        Assert.Equal(year, Parse(MrzLines.Td3(expiry: expiry)).ExpiryDate?.Year);

    [Theory]
    [InlineData('M', "M")]
    [InlineData('F', "F")]
    [InlineData('X', "X")]
    [InlineData('<', null)]
    public void Sex_is_m_f_x_or_null_for_unspecified(char printed, string? sex) =>
        Assert.Equal(sex, Parse(MrzLines.Td3(sex: printed)).Sex);

    [Fact]
    public void Td1_long_document_number_continues_in_the_optional_data()
    {
        var lines = MrzLines.Td1(documentNumber: "D23145890123", optional1: "AB");

        var mrz = Parse(lines);

        Assert.Equal("I<UTOD23145890<1233<AB<<<<<<<<", lines[0]);
        Assert.Equal("D23145890123", mrz.DocumentNumber);
        Assert.Equal("AB", mrz.OptionalData);
        Assert.Equal(new MrzCheckDigits(true, true, true, null, true), mrz.CheckDigits);
    }

    [Fact]
    public void Td1_long_document_number_with_a_wrong_check_digit_fails_it()
    {
        var mrz = Parse(MrzLines.Td1(documentNumber: "D23145890123", documentCheck: MrzLines.WrongCheck("D23145890123")));

        Assert.Equal("D23145890123", mrz.DocumentNumber);
        Assert.False(mrz.CheckDigits.DocumentNumber);
        Assert.True(mrz.CheckDigits.Composite);
    }

    [Fact]
    public void Td2_long_document_number_continues_in_the_optional_data()
    {
        const string number = "D2314589012";
        var line2 = number[..9] + "<UTO7408122F1204159" + (number[9..] + MrzLines.Check(number) + "<").PadRight(7, '<');
        line2 += MrzLines.Check(line2[..10] + line2[13..20] + line2[21..]);

        var mrz = Parse([Specimens.Td2[0], line2]);

        Assert.Equal("D23145890<UTO7408122F120415912" + MrzLines.Check(number) + "<<<<" + line2[^1], line2);
        Assert.Equal(MrzFormat.Td2, mrz.Format);
        Assert.Equal("D2314589012", mrz.DocumentNumber);
        Assert.Equal("", mrz.OptionalData);
        Assert.True(mrz.IsValid);
    }

    [Fact]
    public void Td1_optional_data_fields_are_joined_without_fillers()
    {
        var mrz = Parse(MrzLines.Td1(optional1: "X12<34", optional2: "99"));

        Assert.Equal("X1234 99", mrz.OptionalData);
        Assert.True(mrz.IsValid);
    }

    [Fact]
    public void Name_filling_its_whole_field_is_flagged_as_possibly_truncated()
    {
        var mrz = Parse(MrzLines.Td3(name: "VANDERBERGHE<<ALEXANDRA<MARIA<CHRISTINA"));

        Assert.True(mrz.NameMayBeTruncated);
        Assert.Equal("ALEXANDRA MARIA CHRISTINA", mrz.GivenNames);
    }

    [Theory]
    [InlineData("")]
    [InlineData("REPUBLIC OF UTOPIA\nPASSPORT\nSurname / Nom: ERIKSSON")]
    [InlineData("THIS IS A LONG LINE OF ORDINARY PROSE TEXT HERE\nAND ANOTHER ONE THAT IS ABOUT AS LONG AS THAT")]
    public void Text_without_a_zone_gives_null(string text) => Assert.Null(MrzParser.Parse(text.Split('\n'), Today));

    private static MrzReading Parse(string[] lines) =>
        MrzParser.Parse(lines, Today) ?? throw new Xunit.Sdk.XunitException("no MRZ recognised");
}
