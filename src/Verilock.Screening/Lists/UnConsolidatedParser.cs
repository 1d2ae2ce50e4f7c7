using System.Globalization;
using System.Xml.Linq;
using Verilock.Screening.Model;

namespace Verilock.Screening.Lists;

/// <summary>
/// The UN Security Council consolidated list XML (<c>CONSOLIDATED_LIST/INDIVIDUALS/INDIVIDUAL</c>,
/// <c>ENTITIES/ENTITY</c>). The publisher's id is <c>DATAID</c>; alias quality "Good" is strong and
/// "Low" weak; entity a.k.a./f.k.a. aliases are strong.
/// </summary>
public static class UnConsolidatedParser
{
    private const string ListId = KnownLists.UnSecurityCouncil;

    public static ParsedList Parse(Stream xml)
    {
        var root = XmlLists.LoadRoot(xml, ListId);
        if (root.Name.LocalName != "CONSOLIDATED_LIST")
            throw new ListParseException(ListId, $"expected a CONSOLIDATED_LIST document, found <{root.Name.LocalName}>.");
        if (!DateTimeOffset.TryParse(root.Attr("dateGenerated"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var generated))
            throw new ListParseException(ListId, "the dateGenerated attribute is missing or not a date.");

        var individuals = root.Element("INDIVIDUALS")?.Elements("INDIVIDUAL").Select(Individual).ToList() ?? [];
        var entities = root.Element("ENTITIES")?.Elements("ENTITY").Select(Organisation).ToList() ?? [];
        if (individuals.Count == 0 || entities.Count == 0)
            throw new ListParseException(ListId, $"implausible file: {individuals.Count} individuals, {entities.Count} entities.");

        return new ParsedList([.. individuals, .. entities], generated.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), generated.ToUniversalTime());
    }

    private static readonly string[] NameParts = ["FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME"];

    private static SanctionsEntity Individual(XElement e)
    {
        var nameParts = NameParts.Select(p => e.Text(p)).OfType<string>();
        var aliases = Aliases(e, "INDIVIDUAL_ALIAS").ToList();
        if (e.Text("NAME_ORIGINAL_SCRIPT") is { } original)
            aliases.Add(new EntityName(original, AliasQuality.Strong));

        return new SanctionsEntity
        {
            EntityId = SanctionsEntity.MakeId(ListId, Id(e)),
            ListId = ListId,
            Schema = EntitySchema.Person,
            PrimaryName = RequireName(string.Join(' ', nameParts), e),
            Aliases = aliases,
            BirthDates = e.Elements("INDIVIDUAL_DATE_OF_BIRTH").Select(BirthDateOf).OfType<BirthDate>().Distinct().ToList(),
            Nationalities = e.Elements("NATIONALITY").Elements("VALUE")
                .Select(v => Countries.ToAlpha2(v.Value)).OfType<string>().Distinct().ToList(),
            Identifiers = e.Elements("INDIVIDUAL_DOCUMENT").Select(Document).OfType<EntityIdentifier>().ToList(),
            Programs = e.Text("UN_LIST_TYPE") is { } program ? [program] : [],
        };
    }

    private static SanctionsEntity Organisation(XElement e) => new()
    {
        EntityId = SanctionsEntity.MakeId(ListId, Id(e)),
        ListId = ListId,
        Schema = EntitySchema.Organization,
        PrimaryName = RequireName(e.Text("FIRST_NAME") ?? "", e),
        Aliases = Aliases(e, "ENTITY_ALIAS").ToList(),
        Programs = e.Text("UN_LIST_TYPE") is { } program ? [program] : [],
    };

    private static IEnumerable<EntityName> Aliases(XElement e, string element) =>
        from alias in e.Elements(element)
        let name = alias.Text("ALIAS_NAME")
        where name is not null
        select new EntityName(name, string.Equals(alias.Text("QUALITY"), "Low", StringComparison.OrdinalIgnoreCase)
            ? AliasQuality.Weak
            : AliasQuality.Strong);

    private static BirthDate? BirthDateOf(XElement dob)
    {
        if (dob.Text("DATE") is { } full && BirthDate.TryParseIso(full.Length >= 10 ? full[..10] : full, out var date))
            return date;
        if (Year(dob, "YEAR") is { } year)
            return BirthDate.OfYear(year);
        if (Year(dob, "FROM_YEAR") is { } from)
            return BirthDate.Between(from, Year(dob, "TO_YEAR") ?? from);
        return null;
    }

    private static int? Year(XElement parent, string element) =>
        int.TryParse(parent.Text(element), NumberStyles.None, CultureInfo.InvariantCulture, out var year) ? year : null;

    private static EntityIdentifier? Document(XElement document)
    {
        if (document.Text("NUMBER") is not { } number)
            return null;
        var country = document.Text("ISSUING_COUNTRY") ?? document.Text("COUNTRY_OF_ISSUE");
        return new EntityIdentifier(document.Text("TYPE_OF_DOCUMENT") ?? "Document", number, Countries.ToAlpha2(country));
    }

    private static string Id(XElement e) =>
        e.Text("DATAID") ?? throw new ListParseException(ListId, $"a <{e.Name.LocalName}> has no DATAID.");

    private static string RequireName(string name, XElement e) =>
        string.IsNullOrWhiteSpace(name) ? throw new ListParseException(ListId, $"entry {Id(e)} has no name.") : name;
}
