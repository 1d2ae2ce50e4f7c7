using Verilock.Domain.Aml;
using Verilock.Screening.Lists;

namespace Verilock.Server.Aml;

/// <summary>
/// The fields the seed's V1 screening page puts on every match (spec §16), derived from what a match stores so
/// screenings saved before they existed show them too.
/// </summary>
public static class MatchV1Fields
{
    /// <summary>OFAC publishes a page per SDN entry; the other publishers only their whole list.</summary>
    private const string OfacEntryPage = "https://sanctionssearch.ofac.treas.gov/Details.aspx?id=";

    /// <summary>V1 <c>entity_type</c>: <c>individual</c>, <c>entity</c>, <c>vessel</c> or <c>aircraft</c>.</summary>
    public static string EntityType(string schema) => schema switch
    {
        "person" => "individual",
        "organization" => "entity",
        _ => schema,
    };

    /// <summary>V1 <c>lists</c>: the display names of the lists the entry appears on (one: a match is one list's entry).</summary>
    public static IReadOnlyList<string> Lists(string listId) =>
        [listId == SandboxList.Id ? "Verilock Sandbox" : KnownLists.Find(listId)?.ShortName ?? listId];

    public static ScreeningMatchDetails Details(AmlMatch match) => new(
        match.Aka ?? [],
        match.Nationality,
        match.DateOfBirth,
        match.Programs,
        SourceUrl(match.List, match.EntityId),
        Position: null,
        Active: null);

    /// <summary>Where a reviewer reads the publisher's own record: OFAC's entry page, else the list itself; none for the sandbox.</summary>
    public static string? SourceUrl(string listId, string entityId)
    {
        var publisherId = entityId[(entityId.IndexOf(':') + 1)..];
        if (listId == KnownLists.OfacSdn && publisherId.All(char.IsAsciiDigit))
            return OfacEntryPage + publisherId;
        return KnownLists.Find(listId)?.SourceUrl;
    }
}

/// <summary>V1 <c>details</c> of a match (spec §16). <c>position</c> and <c>active</c> are PEP fields: no PEP list is loaded, so null.</summary>
public sealed record ScreeningMatchDetails(
    IReadOnlyList<string> Aka,
    string? Country,
    string? DateOfBirth,
    IReadOnlyList<string> Programs,
    string? SourceUrl,
    string? Position,
    bool? Active);
