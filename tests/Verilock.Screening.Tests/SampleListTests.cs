using Verilock.Screening.Lists;
using Verilock.Screening.Model;

namespace Verilock.Screening.Tests;

/// <summary>The EU and UK parsers on small hand-made samples in the publishers' formats (Samples/).</summary>
public class SampleListTests
{
    private static readonly string Samples = Path.Combine(AppContext.BaseDirectory, "Samples");
    private static readonly DateTimeOffset LoadedAt = new(2026, 3, 15, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Eu_file_gives_people_and_enterprises_with_their_details()
    {
        var list = ListsDirectory.LoadList(Samples, KnownLists.EuFinancialSanctions, LoadedAt);
        var ivan = list.Entities.Single(e => e.EntityId == "eu_fsf:100");
        var company = list.Entities.Single(e => e.EntityId == "eu_fsf:200");
        var sheikh = list.Entities.Single(e => e.EntityId == "eu_fsf:300");

        Assert.Equal("2026-03-14", list.Metadata.Version);
        Assert.Equal(3, list.Metadata.EntityCount);
        Assert.Equal(EntitySchema.Person, ivan.Schema);
        Assert.Equal("Ivan Petrovich TESTOVSKY", ivan.PrimaryName);
        Assert.Contains(new EntityName("Иван Петрович Тестовский", AliasQuality.Strong), ivan.Aliases);
        Assert.Contains(new EntityName("Vanya", AliasQuality.Weak), ivan.Aliases);
        Assert.Equal(["1961-05-17", "1962"], ivan.BirthDates.Select(d => d.ToString()));
        Assert.Equal(["RU"], ivan.Nationalities);
        Assert.Equal(["RUS"], ivan.Programs);
        Assert.Contains(new EntityIdentifier("National passport", "750123456", "RU"), ivan.Identifiers);
        Assert.Equal(EntitySchema.Organization, company.Schema);
        Assert.Equal("Abdul Karim Al-Examplani", sheikh.PrimaryName);
        Assert.True(sheikh.BirthDates.Single() is { IsRange: true, Year: 1968, ToYear: 1970 });
    }

    [Fact]
    public void Uk_rows_are_grouped_by_group_id()
    {
        var list = ListsDirectory.LoadList(Samples, KnownLists.UkOfsi, LoadedAt);
        var gul = list.Entities.Single(e => e.EntityId == "gb_ofsi:90001");

        Assert.Equal("2026-03-14", list.Metadata.Version);
        Assert.Equal(3, list.Entities.Count);
        Assert.Equal(EntitySchema.Person, gul.Schema);
        Assert.Equal("Gul Ahmad EXAMPLEZAI", gul.PrimaryName);
        Assert.Contains(new EntityName("Gul Ahmed EXAMPLEZAI", AliasQuality.Strong), gul.Aliases);
        Assert.Contains(new EntityName("GULLY", AliasQuality.Weak), gul.Aliases);
        Assert.Contains(gul.Aliases, a => a.Value == "گل احمد اېګزامپلزی");
        Assert.Equal(["1962", "1962-07-15"], gul.BirthDates.Select(d => d.ToString()));
        Assert.Equal(["AF", "PK"], gul.Nationalities);
        Assert.Equal(["Afghanistan"], gul.Programs);
        Assert.Equal(EntitySchema.Organization, list.Entities.Single(e => e.EntityId == "gb_ofsi:90002").Schema);
        Assert.Equal(EntitySchema.Vessel, list.Entities.Single(e => e.EntityId == "gb_ofsi:90003").Schema);
    }

    [Fact]
    public void Uk_file_with_a_row_cut_short_is_rejected()
    {
        var text = File.ReadAllText(Path.Combine(Samples, "gb_ofsi", "ConList.csv"));
        var cut = text[..text.LastIndexOf(",Ship,", StringComparison.Ordinal)];

        var error = Assert.Throws<ListParseException>(() => UkOfsiParser.Parse(new StringReader(cut)));
        Assert.Contains("columns", error.Message);
    }

    [Fact]
    public void Uk_file_without_header_is_rejected()
    {
        Assert.Throws<ListParseException>(() => UkOfsiParser.Parse(new StringReader("<html>maintenance</html>\n")));
    }

    [Fact]
    public void Eu_file_cut_short_is_rejected()
    {
        var text = File.ReadAllText(Path.Combine(Samples, "eu_fsf", "xmlFullSanctionsList_1_1.xml"));
        using var cut = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text[..(text.Length / 2)]));

        Assert.Throws<ListParseException>(() => EuFinancialSanctionsParser.Parse(cut));
    }

    [Fact]
    public void Directory_lists_only_known_lists_it_holds()
    {
        Assert.Equal([KnownLists.EuFinancialSanctions, KnownLists.UkOfsi], ListsDirectory.ListIds(Samples));

        var lists = ListsDirectory.LoadAll(Samples, LoadedAt);

        Assert.All(lists, l => Assert.Equal(LoadedAt, l.Metadata.LoadedAt));
        Assert.All(lists, l => Assert.Equal("sanctions", l.Metadata.Type));
        Assert.Equal("https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv", lists[1].Metadata.SourceUrl);
    }

    [Fact]
    public void Shared_snapshot_directory_loads_un_and_ofac()
    {
        var ids = ListsDirectory.ListIds(Path.Combine(RealLists.DataDirectory, "sanctions"));

        Assert.Equal([KnownLists.OfacSdn, KnownLists.UnSecurityCouncil], ids);
    }

    [Fact]
    public void Missing_file_is_a_parse_error()
    {
        var empty = Directory.CreateTempSubdirectory();
        try
        {
            Directory.CreateDirectory(Path.Combine(empty.FullName, KnownLists.UnSecurityCouncil));

            Assert.Throws<ListParseException>(() => ListsDirectory.LoadList(empty.FullName, KnownLists.UnSecurityCouncil, LoadedAt));
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }
}
