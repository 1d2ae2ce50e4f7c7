using Verilock.Domain.Mrz;

namespace Verilock.Domain.Tests.Mrz;

public class MrzRepairTests
{
    private static readonly DateOnly Today = Specimens.Today;

    [Fact]
    public void Letter_o_in_a_date_is_read_as_zero()
    {
        var ocr = Specimens.Td3.ToArray();
        ocr[1] = "L898902C36UTO74O8122F12O4159ZE184226B<<<<<10";

        var mrz = Parse(ocr);

        Assert.Equal(new DateOnly(1974, 8, 12), mrz.DateOfBirth);
        Assert.Equal(new DateOnly(2012, 4, 15), mrz.ExpiryDate);
        Assert.Equal(Specimens.Td3, mrz.Lines);
        Assert.Equal(2, mrz.Repairs);
        Assert.True(mrz.IsValid);
    }

    [Fact]
    public void Letter_in_a_check_digit_position_is_read_as_its_digit()
    {
        var ocr = Specimens.Td3.ToArray();
        ocr[1] = "L898902C3GUTO7408122F12041S9ZE184226B<<<<<1O";

        var mrz = Parse(ocr);

        Assert.Equal(Specimens.Td3, mrz.Lines);
        Assert.Equal(3, mrz.Repairs);
    }

    [Fact]
    public void Fillers_read_as_k_after_the_last_name_become_fillers()
    {
        var ocr = Specimens.Td3.ToArray();
        ocr[0] = "P<UTOERIKSSON<<ANNA<MARIAKKKKKKKKKKKKKKKKKKK";

        var mrz = Parse(ocr);

        Assert.Equal("ANNA MARIA", mrz.GivenNames);
        Assert.Equal(Specimens.Td3[0], mrz.Lines[0]);
        Assert.Equal(19, mrz.Repairs);
    }

    [Fact]
    public void Mixed_k_c_fillers_after_a_name_ending_in_k_keep_the_k()
    {
        var ocr = MrzLines.Td3(name: "ERIKSSON<<ERIK<<<KK<C<<KKK<<");

        var mrz = Parse(ocr);

        Assert.Equal("ERIK", mrz.GivenNames);
        Assert.Equal(6, mrz.Repairs);
    }

    [Fact]
    public void Names_ending_in_k_or_ll_before_real_fillers_are_kept()
    {
        Assert.Equal("ERIK", Parse(MrzLines.Td3(name: "HALL<<ERIK")).GivenNames);
        Assert.Equal("HALL", Parse(MrzLines.Td3(name: "HALL<<ERIK")).Surname);
        Assert.Equal(0, Parse(MrzLines.Td3(name: "HALL<<ERIK")).Repairs);
    }

    [Fact]
    public void Digits_in_a_name_are_read_as_letters()
    {
        var ocr = Specimens.Td3.ToArray();
        ocr[0] = "P<UTOER1KSS0N<<ANNA<MAR1A<<<<<<<<<<<<<<<<<<<";

        var mrz = Parse(ocr);

        Assert.Equal("ERIKSSON", mrz.Surname);
        Assert.Equal("ANNA MARIA", mrz.GivenNames);
        Assert.Equal(3, mrz.Repairs);
    }

    [Fact]
    public void Document_number_confusion_is_undone_when_only_that_change_makes_the_check_digit_agree()
    {
        var ocr = Specimens.Td3.ToArray();
        ocr[1] = "L8989O2C36UTO7408122F1204159ZE184226B<<<<<10";

        var mrz = Parse(ocr);

        Assert.Equal("L898902C3", mrz.DocumentNumber);
        Assert.Equal(1, mrz.Repairs);
        Assert.True(mrz.IsValid);
    }

    [Fact]
    public void Document_number_is_left_as_printed_when_several_changes_would_agree()
    {
        // B/8 at position 2: "L898902C3", "LB9890ZC3" and "LB9B902C3" all satisfy check digit 6 (and so the composite).
        var ocr = Specimens.Td3.ToArray();
        ocr[1] = "LB98902C36UTO7408122F1204159ZE184226B<<<<<10";

        var mrz = Parse(ocr);

        Assert.Equal("LB98902C3", mrz.DocumentNumber);
        Assert.False(mrz.CheckDigits.DocumentNumber);
        Assert.False(mrz.IsValid);
        Assert.Equal(0, mrz.Repairs);
    }

    [Fact]
    public void Document_number_is_not_changed_to_match_a_misread_check_digit()
    {
        // The number is right and its check digit was misread (6 → 0). Exactly one confusion, 0 → O ("L8989O2C3"),
        // would match 0, but the composite, computed over the true digit, then disagrees.
        var ocr = Specimens.Td3.ToArray();
        ocr[1] = "L898902C30UTO7408122F1204159ZE184226B<<<<<10";

        var mrz = Parse(ocr);

        Assert.Equal("L898902C3", mrz.DocumentNumber);
        Assert.Equal(new MrzCheckDigits(false, true, true, true, false), mrz.CheckDigits);
        Assert.Equal(0, mrz.Repairs);
    }

    [Fact]
    public void Td1_optional_data_is_repaired_by_the_composite_when_everything_else_agrees()
    {
        var printed = MrzLines.Td1(optional1: "A0B");
        var ocr = printed.ToArray();
        ocr[0] = ocr[0].Replace("A0B", "AOB");

        var mrz = Parse(ocr);

        Assert.Equal(printed, mrz.Lines);
        Assert.Equal("A0B", mrz.OptionalData);
        Assert.Equal(1, mrz.Repairs);
    }

    [Fact]
    public void Filler_read_as_zero_in_a_country_code_becomes_d_for_germany()
    {
        var printed = MrzLines.Td3(state: "D", nationality: "D");
        var ocr = new[] { printed[0].Replace("P<D<<", "P<0<<"), printed[1].Replace("D<<", "DKK") };

        var mrz = Parse(ocr);

        Assert.Equal("D", mrz.IssuingState);
        Assert.Equal("D", mrz.Nationality);
        Assert.Equal(printed, mrz.Lines);
        Assert.Equal(3, mrz.Repairs);
    }

    [Fact]
    public void Sex_filler_read_as_k_is_unspecified()
    {
        var printed = MrzLines.Td3(sex: '<');
        var ocr = new[] { printed[0], printed[1][..20] + "K" + printed[1][21..] };

        var mrz = Parse(ocr);

        Assert.Null(mrz.Sex);
        Assert.True(mrz.IsValid);
        Assert.Equal(1, mrz.Repairs);
    }

    [Fact]
    public void Junk_lines_around_the_zone_lower_case_and_spaces_are_ignored()
    {
        string[] ocr =
        [
            "UTOPIA",
            "PASSPORT  PASSEPORT  P  UTO  L898902C3",
            "Surname / Nom  ERIKSSON",
            "",
            "p<uto eriksson<<anna<maria<<<<<<<<<<<<<<<<<<<",
            "L898902C36 UTO7408122F1204159ZE184226B<<<<<10 ",
            "  ",
            "signature of bearer",
        ];

        var mrz = Parse(ocr);

        Assert.Equal(MrzFormat.Td3, mrz.Format);
        Assert.Equal(Specimens.Td3, mrz.Lines);
        Assert.Equal(0, mrz.Repairs);
        Assert.True(mrz.IsValid);
    }

    [Fact]
    public void Fillers_read_as_spaces_become_fillers()
    {
        string[] ocr = ["P<UTOERIKSSON  ANNA MARIA<<<<<<<<<<<<<<<<<<<", Specimens.Td3[1]];

        var mrz = Parse(ocr);

        Assert.Equal(Specimens.Td3, mrz.Lines);
        Assert.Equal(3, mrz.Repairs);
    }

    [Fact]
    public void Lines_one_or_two_fillers_short_or_long_are_fitted()
    {
        string[] ocr =
        [
            "I<UTOD231458907<<<<<<<<<<<<<",
            "7408122F1204159UTO<<<<<<<<<<<<6",
            "ERIKSSON<<ANNA<MARIA<<<<<<<<<<<<",
        ];

        var mrz = Parse(ocr);

        Assert.Equal(Specimens.Td1, mrz.Lines);
        Assert.Equal(5, mrz.Repairs);
        Assert.True(mrz.IsValid);
    }

    [Fact]
    public void Guillemets_are_fillers()
    {
        string[] ocr = [Specimens.Td2[0].Replace("<<<<<<<<<<<", "«««««««««««"), Specimens.Td2[1]];

        var mrz = Parse(ocr);

        Assert.Equal(Specimens.Td2, mrz.Lines);
        Assert.Equal(11, mrz.Repairs);
    }

    private static MrzReading Parse(string[] lines) =>
        MrzParser.Parse(lines, Today) ?? throw new Xunit.Sdk.XunitException("no MRZ recognised");
}
