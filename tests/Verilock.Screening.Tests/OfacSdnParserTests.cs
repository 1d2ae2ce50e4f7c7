using Verilock.Screening.Lists;
using Verilock.Screening.Model;

namespace Verilock.Screening.Tests;

public class OfacSdnParserTests
{
    private static readonly DateOnly Version = new(2026, 3, 14);

    [Fact]
    public void Snapshot_parses_every_row()
    {
        var list = RealLists.Ofac;

        Assert.Equal(7379, list.Entities.Count);
        Assert.Equal(list.Entities.Count, list.Entities.Select(e => e.EntityId).Distinct().Count());
        Assert.Equal("https://www.treasury.gov/ofac/downloads/sdn.csv", list.Metadata.SourceUrl);
        Assert.Contains(list.Entities, e => e.Schema == EntitySchema.Vessel);
        Assert.Contains(list.Entities, e => e.Schema == EntitySchema.Aircraft);
    }

    [Fact]
    public void Individual_reads_first_name_first_with_remarks_parsed()
    {
        var zawahiri = RealLists.Ofac.Entities.Single(e => e.EntityId == "us_ofac_sdn:2676");

        Assert.Equal(EntitySchema.Person, zawahiri.Schema);
        Assert.Equal("Dr. Ayman AL ZAWAHIRI", zawahiri.PrimaryName);
        Assert.Equal(["SDGT", "SDT"], zawahiri.Programs);
        Assert.Equal(["1951-06-19"], zawahiri.BirthDates.Select(d => d.ToString()));
        Assert.Contains(new EntityIdentifier("Passport", "1084010", "EG"), zawahiri.Identifiers);
        Assert.Contains(new EntityIdentifier("Passport", "19820215", null), zawahiri.Identifiers);
    }

    [Fact]
    public void Strong_aliases_come_from_alt_csv_and_weak_ones_from_remarks()
    {
        var bank = RealLists.Ofac.Entities.Single(e => e.EntityId == "us_ofac_sdn:306");
        var kim = RealLists.Ofac.Entities.Single(e => e.EntityId == "us_ofac_sdn:11648");

        Assert.Equal(EntitySchema.Organization, bank.Schema);
        Assert.Contains(new EntityName("NATIONAL BANK OF CUBA", AliasQuality.Strong), bank.Aliases);
        Assert.Contains(new EntityName("BNC", AliasQuality.Weak), bank.Aliases);
        Assert.Equal(["KP"], kim.Nationalities);
        Assert.Equal(["1964", "1962-08-28"], kim.BirthDates.Select(d => d.ToString()));
        Assert.Contains(new EntityName("JIN SOK KIM", AliasQuality.Weak), kim.Aliases);
    }

    [Fact]
    public void Overflow_remarks_are_appended_before_parsing()
    {
        var sdn = "100,\"DOE, John\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 01 Jan 19\"\n";
        var comments = "100,\"60; nationality Iran; a.k.a. 'JD'.\"\n\u001a";

        var entity = OfacSdnParser.Parse(new StringReader(sdn), null, new StringReader(comments), Version).Entities.Single();

        Assert.Equal(["1960-01-01"], entity.BirthDates.Select(d => d.ToString()));
        Assert.Equal(["IR"], entity.Nationalities);
        Assert.Contains(new EntityName("JD", AliasQuality.Weak), entity.Aliases);
        Assert.Equal("John DOE", entity.PrimaryName);
        Assert.Equal("us_ofac_sdn:100", entity.EntityId);
    }

    [Fact]
    public void Row_cut_short_is_rejected()
    {
        var sdn = "100,\"DOE, John\",\"individual\",\"SDGT\",-0- ,-0- ,-0- \n";

        var error = Assert.Throws<ListParseException>(() => OfacSdnParser.Parse(new StringReader(sdn), null, null, Version));
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void Quote_left_open_at_the_end_is_rejected()
    {
        var sdn = "100,\"DOE, John\",\"individual\",\"SDGT\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"DOB 01 Jan";

        var error = Assert.Throws<ListParseException>(() => OfacSdnParser.Parse(new StringReader(sdn), null, null, Version));
        Assert.Contains("never closes", error.Message);
    }

    [Fact]
    public void Empty_file_is_rejected()
    {
        Assert.Throws<ListParseException>(() => OfacSdnParser.Parse(new StringReader(""), null, null, Version));
    }

    [Fact]
    public void Snapshot_cut_in_half_is_rejected()
    {
        var folder = Path.Combine(RealLists.DataDirectory, "sanctions", "us_ofac_sdn");
        var lines = File.ReadAllLines(Path.Combine(folder, "sdn.csv"));
        var firstHalf = string.Join('\n', lines[..(lines.Length / 2)]) + "\n";

        var error = Assert.Throws<ListParseException>(() => OfacSdnParser.Parse(
            new StringReader(firstHalf), new StreamReader(Path.Combine(folder, "alt.csv")), null, Version));
        Assert.Contains("alt.csv", error.Message);
    }

    [Theory]
    [InlineData("12 Jan 1960", "1960-01-12")]
    [InlineData("Jan 1960", "1960-01")]
    [InlineData("1960", "1960")]
    [InlineData("circa 1960", "1960")]
    [InlineData("1960 to 1962", "1960")]
    [InlineData("01 Jan 1960 to 31 Dec 1962", "1960")]
    [InlineData("circa 1960-1962", "1960")]
    public void Remark_dates_in_every_published_shape(string text, string expected)
    {
        var date = OfacRemarks.ParseDate(text);

        Assert.NotNull(date);
        Assert.Equal(expected, date.ToString());
        Assert.Equal(text.Contains("1962"), date.IsRange);
    }
}
