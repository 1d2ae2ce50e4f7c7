using System.Text;
using Verilock.Screening.Lists;
using Verilock.Screening.Model;

namespace Verilock.Screening.Tests;

public class UnConsolidatedParserTests
{
    [Fact]
    public void Snapshot_has_730_individuals_and_273_entities()
    {
        var list = RealLists.Un;

        Assert.Equal(730, list.Entities.Count(e => e.Schema == EntitySchema.Person));
        Assert.Equal(273, list.Entities.Count(e => e.Schema == EntitySchema.Organization));
        Assert.Equal(1003, list.Metadata.EntityCount);
        Assert.Equal("2026-02-27", list.Metadata.Version);
        Assert.Equal(new DateTimeOffset(2026, 2, 27, 0, 0, 9, 554, TimeSpan.Zero), list.Metadata.PublishedAt);
        Assert.Equal("https://scsanctions.un.org/resources/xml/en/consolidated.xml", list.Metadata.SourceUrl);
    }

    [Fact]
    public void Individual_keeps_names_aliases_dates_nationality_and_documents()
    {
        var ngaruye = RealLists.Un.Entities.Single(e => e.EntityId == "un_sc:6908010");

        Assert.Equal("BAUDOIN NGARUYE WA MYAMURO", ngaruye.PrimaryName);
        Assert.Contains(new EntityName("Colonel Baudoin NGARUYE", AliasQuality.Strong), ngaruye.Aliases);
        Assert.Equal(["1978-04-01", "1978"], ngaruye.BirthDates.Select(d => d.ToString()));
        Assert.Equal(["CD"], ngaruye.Nationalities);
        Assert.Equal(["DRC"], ngaruye.Programs);
        Assert.Contains(ngaruye.Identifiers, i => i.Value == "1-78-09-44621-80" && i.Type == "National Identification Number");
    }

    [Fact]
    public void Low_quality_aliases_are_weak_and_year_ranges_are_kept()
    {
        var entities = RealLists.Un.Entities;

        Assert.Contains(entities, e => e.Aliases.Any(a => a.Quality == AliasQuality.Weak));
        Assert.Contains(entities, e => e.BirthDates.Any(d => d.IsRange));
    }

    [Fact]
    public void Entity_aliases_including_former_names_are_strong()
    {
        var adf = RealLists.Un.Entities.Single(e => e.EntityId == "un_sc:6908402");

        Assert.Equal(EntitySchema.Organization, adf.Schema);
        Assert.Equal("ADF", adf.PrimaryName);
        Assert.Contains(new EntityName("Allied Democratic Forces", AliasQuality.Strong), adf.Aliases);
        Assert.Contains(new EntityName("NALU", AliasQuality.Strong), adf.Aliases);
    }

    [Fact]
    public void Truncated_file_is_rejected()
    {
        var truncated = File.ReadAllBytes(Path.Combine(RealLists.DataDirectory, "sanctions", "un_sc", "consolidated.xml"))[..500_000];

        var error = Assert.Throws<ListParseException>(() => UnConsolidatedParser.Parse(new MemoryStream(truncated)));
        Assert.Equal("un_sc", error.ListId);
        Assert.Contains("truncated", error.Message);
    }

    [Theory]
    [InlineData("<CONSOLIDATED_LIST><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>", "dateGenerated")]
    [InlineData("<CONSOLIDATED_LIST dateGenerated=\"2026-02-27T00:00:00Z\"><INDIVIDUALS/><ENTITIES/></CONSOLIDATED_LIST>", "implausible")]
    [InlineData("<html><body>Service unavailable</body></html>", "CONSOLIDATED_LIST")]
    [InlineData("", "XML")]
    public void Implausible_files_are_rejected(string xml, string expected)
    {
        var error = Assert.Throws<ListParseException>(() => UnConsolidatedParser.Parse(new MemoryStream(Encoding.UTF8.GetBytes(xml))));
        Assert.Contains(expected, error.Message);
    }
}
