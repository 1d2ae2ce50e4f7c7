using System.Security;
using System.Text;

namespace Verilock.Server.Tests.Support;

/// <summary>Sanctions lists for the HTTP tests: small UN lists written on the spot, and the real snapshots.</summary>
public static class TestLists
{
    /// <summary>One listed person of a generated UN list.</summary>
    public sealed record Person(string DataId, string FirstName, string SecondName, int? BirthYear = null, string? Nationality = null);

    /// <summary>Listed in every generated list (an invented person, like the samples in the Screening tests).</summary>
    public static readonly Person Standing = new("9100001", "GULBAHAR", "EXAMPLEZAI", 1962, "Afghanistan");

    /// <summary>A folder holding a generated <c>un_sc</c> list with <see cref="Standing"/>; returns the folder.</summary>
    public static string WriteSmallDirectory(string directory)
    {
        WriteUn(directory, new DateOnly(2026, 1, 10), [Standing]);
        return directory;
    }

    /// <summary>Writes <c>un_sc/consolidated.xml</c> under <paramref name="directory"/>: the given people and one entity.</summary>
    public static void WriteUn(string directory, DateOnly generated, IEnumerable<Person> people)
    {
        var folder = Path.Combine(directory, "un_sc");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "consolidated.xml"), UnXml(generated, people), new UTF8Encoding(false));
    }

    public static string UnXml(DateOnly generated, IEnumerable<Person> people)
    {
        var xml = new StringBuilder();
        xml.Append($"""<?xml version="1.0" encoding="UTF-8"?>{"\n"}<CONSOLIDATED_LIST dateGenerated="{generated:yyyy-MM-dd}T00:00:00.000Z">{"\n"}<INDIVIDUALS>{"\n"}""");
        foreach (var person in people)
        {
            xml.Append($"""
                <INDIVIDUAL><DATAID>{person.DataId}</DATAID><FIRST_NAME>{Escape(person.FirstName)}</FIRST_NAME><SECOND_NAME>{Escape(person.SecondName)}</SECOND_NAME>
                <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE>
                """);
            if (person.Nationality is not null)
                xml.Append($"<NATIONALITY><VALUE>{Escape(person.Nationality)}</VALUE></NATIONALITY>");
            if (person.BirthYear is { } year)
                xml.Append($"<INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>{year}</YEAR></INDIVIDUAL_DATE_OF_BIRTH>");
            xml.Append("</INDIVIDUAL>\n");
        }
        xml.Append("""
            </INDIVIDUALS>
            <ENTITIES><ENTITY><DATAID>9200001</DATAID><FIRST_NAME>EXAMPLE TRADING COMPANY</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE></ENTITY></ENTITIES>
            </CONSOLIDATED_LIST>

            """);
        return xml.ToString();
    }

    private static string Escape(string value) => SecurityElement.Escape(value);

    /// <summary>The real list snapshots (<c>../shared/data/sanctions</c> beside the repository), or null where absent.</summary>
    public static string? SharedSanctions()
    {
        var sanctions = Path.GetFullPath(Path.Combine(Repository.Root, "..", "shared", "data", "sanctions"));
        return Directory.Exists(sanctions) ? sanctions : null;
    }
}
