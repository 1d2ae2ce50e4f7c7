namespace Verilock.Screening.Model;

/// <summary>One entry of a sanctions list, reduced to what screening needs.</summary>
public sealed record SanctionsEntity
{
    /// <summary><c>&lt;list id&gt;:&lt;publisher's id&gt;</c>, e.g. <c>un_sc:6908010</c>, so a hit traces to its source record.</summary>
    public required string EntityId { get; init; }
    public required string ListId { get; init; }
    public required EntitySchema Schema { get; init; }
    public required string PrimaryName { get; init; }
    public IReadOnlyList<EntityName> Aliases { get; init; } = [];
    public IReadOnlyList<BirthDate> BirthDates { get; init; } = [];

    /// <summary>ISO 3166-1 alpha-2 codes (upper case).</summary>
    public IReadOnlyList<string> Nationalities { get; init; } = [];
    public IReadOnlyList<EntityIdentifier> Identifiers { get; init; } = [];

    /// <summary>Sanctions programmes / regimes (OFAC "SDGT", UN "Al-Qaida", EU "IRQ", UK "Russia").</summary>
    public IReadOnlyList<string> Programs { get; init; } = [];

    /// <summary>The primary name followed by the aliases (the primary counts as a strong name).</summary>
    public IEnumerable<EntityName> AllNames =>
        Aliases.Prepend(new EntityName(PrimaryName, AliasQuality.Strong));

    public static string MakeId(string listId, string publisherId) => $"{listId}:{publisherId}";
}
