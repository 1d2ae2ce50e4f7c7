namespace Verilock.Screening.Lists;

/// <summary>The lists Verilock can parse: ids (also the folder names of a lists directory) and where they are published.</summary>
public static class KnownLists
{
    public const string OfacSdn = "us_ofac_sdn";
    public const string UnSecurityCouncil = "un_sc";
    public const string EuFinancialSanctions = "eu_fsf";
    public const string UkOfsi = "gb_ofsi";

    public static IReadOnlyList<KnownList> All { get; } =
    [
        new(OfacSdn, "OFAC SDN List", "U.S. Treasury OFAC",
            "https://www.treasury.gov/ofac/downloads/sdn.csv", "OFAC SDN"),
        new(UnSecurityCouncil, "UN Security Council Consolidated List", "United Nations Security Council",
            "https://scsanctions.un.org/resources/xml/en/consolidated.xml", "UN Security Council"),
        new(EuFinancialSanctions, "EU Financial Sanctions Files (FSF)", "European Commission",
            "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/content?token=dG9rZW4tMjAxNw", "EU Financial Sanctions"),
        new(UkOfsi, "UK OFSI Consolidated List", "HM Treasury, Office of Financial Sanctions Implementation",
            "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv", "UK OFSI"),
    ];

    public static KnownList? Find(string listId) => All.FirstOrDefault(l => l.Id == listId);
}

/// <param name="SourceUrl">The publisher's official download address (OFAC's other files sit beside <c>sdn.csv</c>).</param>
/// <param name="ShortName">How the V1 screening API names the list on a match (<c>lists</c>, spec §16).</param>
public sealed record KnownList(string Id, string Name, string Source, string SourceUrl, string ShortName);
