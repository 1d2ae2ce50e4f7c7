using System.Text;

namespace Verilock.Client.Tests.Support;

/// <summary>A one-person UN list in the publisher's XML format, so live screenings run offline against a known entry.</summary>
public static class SmallUnList
{
    public const string ListedFirstName = "GULBAHAR";
    public const string ListedLastName = "EXAMPLEZAI";

    public static void Write(string directory)
    {
        var folder = Directory.CreateDirectory(Path.Combine(directory, "un_sc")).FullName;
        File.WriteAllText(Path.Combine(folder, "consolidated.xml"), $"""
            <?xml version="1.0" encoding="UTF-8"?>
            <CONSOLIDATED_LIST dateGenerated="2026-01-10T00:00:00.000Z">
            <INDIVIDUALS>
            <INDIVIDUAL><DATAID>9100001</DATAID><FIRST_NAME>{ListedFirstName}</FIRST_NAME><SECOND_NAME>{ListedLastName}</SECOND_NAME>
            <UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE><NATIONALITY><VALUE>Afghanistan</VALUE></NATIONALITY>
            <INDIVIDUAL_DATE_OF_BIRTH><TYPE_OF_DATE>EXACT</TYPE_OF_DATE><YEAR>1962</YEAR></INDIVIDUAL_DATE_OF_BIRTH></INDIVIDUAL>
            </INDIVIDUALS>
            <ENTITIES><ENTITY><DATAID>9200001</DATAID><FIRST_NAME>EXAMPLE TRADING COMPANY</FIRST_NAME><UN_LIST_TYPE>Al-Qaida</UN_LIST_TYPE></ENTITY></ENTITIES>
            </CONSOLIDATED_LIST>

            """, new UTF8Encoding(false));
    }
}
