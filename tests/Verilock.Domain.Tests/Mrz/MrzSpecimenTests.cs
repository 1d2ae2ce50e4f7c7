using Verilock.Domain.Mrz;

namespace Verilock.Domain.Tests.Mrz;

public class MrzSpecimenTests
{
    private static readonly MrzCheckDigits AllAgree = new(true, true, true, null, true);

    [Fact]
    public void Td1_specimen_reads_every_field()
    {
        var mrz = Parse(Specimens.Td1);

        Assert.Equal(
            new MrzReading(MrzFormat.Td1, Specimens.Td1, "I", "UTO", "ERIKSSON", "ANNA MARIA", "D23145890", "UTO",
                new DateOnly(1974, 8, 12), "F", new DateOnly(2012, 4, 15), "", AllAgree, 0),
            mrz with { Lines = Specimens.Td1 });
        Assert.Equal(Specimens.Td1, mrz.Lines);
        Assert.True(mrz.IsValid);
        Assert.False(mrz.NameMayBeTruncated);
    }

    [Fact]
    public void Td2_specimen_reads_every_field()
    {
        var mrz = Parse(Specimens.Td2);

        Assert.Equal(
            new MrzReading(MrzFormat.Td2, Specimens.Td2, "I", "UTO", "ERIKSSON", "ANNA MARIA", "D23145890", "UTO",
                new DateOnly(1974, 8, 12), "F", new DateOnly(2012, 4, 15), "", AllAgree, 0),
            mrz with { Lines = Specimens.Td2 });
        Assert.Equal(Specimens.Td2, mrz.Lines);
        Assert.True(mrz.IsValid);
    }

    [Fact]
    public void Td3_specimen_reads_every_field_including_the_personal_number_check()
    {
        var mrz = Parse(Specimens.Td3);

        Assert.Equal(
            new MrzReading(MrzFormat.Td3, Specimens.Td3, "P", "UTO", "ERIKSSON", "ANNA MARIA", "L898902C3", "UTO",
                new DateOnly(1974, 8, 12), "F", new DateOnly(2012, 4, 15), "ZE184226B",
                new MrzCheckDigits(true, true, true, true, true), 0),
            mrz with { Lines = Specimens.Td3 });
        Assert.Equal(Specimens.Td3, mrz.Lines);
        Assert.True(mrz.IsValid);
    }

    [Fact]
    public void Mrv_a_specimen_has_no_composite_and_a_stateless_nationality()
    {
        var mrz = Parse(Specimens.MrvA);

        Assert.Equal(
            new MrzReading(MrzFormat.MrvA, Specimens.MrvA, "V", "UTO", "ERIKSSON", "ANNA MARIA", "L8988901C", "XXX",
                new DateOnly(1940, 9, 7), "F", new DateOnly(1996, 12, 10), "6ZE184226B",
                new MrzCheckDigits(true, true, true, null, null), 0),
            mrz with { Lines = Specimens.MrvA });
        Assert.True(mrz.IsValid);
        Assert.True(mrz.NationalityIsKnown);
        Assert.False(mrz.IssuingStateIsKnown);
    }

    [Fact]
    public void Mrv_b_specimen_reads_every_field()
    {
        var mrz = Parse(Specimens.MrvB);

        Assert.Equal(
            new MrzReading(MrzFormat.MrvB, Specimens.MrvB, "V", "UTO", "ERIKSSON", "ANNA MARIA", "L8988901C", "XXX",
                new DateOnly(1940, 9, 7), "F", new DateOnly(1996, 12, 10), "",
                new MrzCheckDigits(true, true, true, null, null), 0),
            mrz with { Lines = Specimens.MrvB });
        Assert.True(mrz.IsValid);
    }

    private static MrzReading Parse(string[] lines) =>
        MrzParser.Parse(lines, Specimens.Today) ?? throw new Xunit.Sdk.XunitException("no MRZ recognised");
}
