using System.Globalization;
using System.Xml.Linq;
using Verilock.Screening.Model;

namespace Verilock.Screening.Lists;

/// <summary>
/// The EU Financial Sanctions Files XML (FSF 1.1: <c>export/sanctionEntity</c> with
/// <c>subjectType</c>, <c>nameAlias</c>, <c>citizenship</c>, <c>birthdate</c>, <c>identification</c>).
/// The publisher's id is the entry's <c>logicalId</c>; the first name alias is the primary name.
/// Elements are matched by local name so the namespace's version does not matter.
/// </summary>
public static class EuFinancialSanctionsParser
{
    private const string ListId = KnownLists.EuFinancialSanctions;

    public static ParsedList Parse(Stream xml)
    {
        var root = XmlLists.LoadRoot(xml, ListId);
        if (root.Name.LocalName != "export")
            throw new ListParseException(ListId, $"expected an <export> document, found <{root.Name.LocalName}>.");
        if (!DateTimeOffset.TryParse(root.Attr("generationDate"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var generated))
            throw new ListParseException(ListId, "the generationDate attribute is missing or not a date.");

        var entities = Children(root, "sanctionEntity").Select(Entry).OfType<SanctionsEntity>().ToList();
        if (entities.Count == 0)
            throw new ListParseException(ListId, "the file holds no sanctionEntity with a name.");
        return new ParsedList(entities, generated.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), generated.ToUniversalTime());
    }

    private static SanctionsEntity? Entry(XElement e)
    {
        var id = e.Attr("logicalId") ?? throw new ListParseException(ListId, "a sanctionEntity has no logicalId.");
        var names = Children(e, "nameAlias")
            .Select(n => (Name: n.Attr("wholeName") ?? JoinParts(n), Strong: n.Attr("strong") != "false"))
            .Where(n => n.Name.Length > 0)
            .ToList();
        if (names.Count == 0)
            return null;

        var schema = Children(e, "subjectType").FirstOrDefault()?.Attr("code") switch
        {
            "person" => EntitySchema.Person,
            _ => EntitySchema.Organization,
        };
        return new SanctionsEntity
        {
            EntityId = SanctionsEntity.MakeId(ListId, id),
            ListId = ListId,
            Schema = schema,
            PrimaryName = names[0].Name,
            Aliases = names.Skip(1).Select(n => new EntityName(n.Name, n.Strong ? AliasQuality.Strong : AliasQuality.Weak)).ToList(),
            BirthDates = Children(e, "birthdate").Select(BirthDateOf).OfType<BirthDate>().Distinct().ToList(),
            Nationalities = Children(e, "citizenship").Select(c => c.Attr("countryIso2Code")?.ToUpperInvariant())
                .OfType<string>().Where(c => c.Length == 2 && c != "00").Distinct().ToList(),
            Identifiers = Children(e, "identification").Select(Identifier).OfType<EntityIdentifier>().ToList(),
            Programs = Children(e, "regulation").Select(r => r.Attr("programme")).OfType<string>().Distinct().ToList(),
        };
    }

    private static readonly string[] NameParts = ["firstName", "middleName", "lastName"];

    private static string JoinParts(XElement nameAlias) =>
        string.Join(' ', NameParts.Select(a => nameAlias.Attr(a)).OfType<string>());

    private static BirthDate? BirthDateOf(XElement birthdate)
    {
        if (BirthDate.TryParseIso(birthdate.Attr("birthdate"), out var full))
            return full;
        var year = Number(birthdate, "year");
        if (year is null)
        {
            var from = Number(birthdate, "yearRangeFrom");
            return from is null ? null : BirthDate.Between(from.Value, Number(birthdate, "yearRangeTo") ?? from.Value);
        }
        return Number(birthdate, "monthOfYear") is { } month and >= 1 and <= 12
            ? BirthDate.OfMonth(year.Value, month)
            : BirthDate.OfYear(year.Value);
    }

    private static EntityIdentifier? Identifier(XElement identification)
    {
        if (identification.Attr("number") is not { } number)
            return null;
        var type = identification.Attr("identificationTypeDescription") ?? identification.Attr("identificationTypeCode") ?? "Document";
        return new EntityIdentifier(type, number, identification.Attr("countryIso2Code")?.ToUpperInvariant());
    }

    private static int? Number(XElement element, string attribute) =>
        int.TryParse(element.Attr(attribute), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    private static IEnumerable<XElement> Children(XElement parent, string localName) =>
        parent.Elements().Where(c => c.Name.LocalName == localName);
}
