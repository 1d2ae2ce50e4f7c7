namespace Verilock.Client;

/// <summary>A listed entity that matched (spec §11.1, with the V1 fields of §16).</summary>
public sealed class AmlMatch
{
    /// <summary><c>&lt;list&gt;:&lt;publisher's id&gt;</c>, e.g. <c>us_ofac_sdn:12345</c>.</summary>
    public string EntityId { get; init; } = "";

    /// <summary>The list id.</summary>
    public string List { get; init; } = "";

    /// <summary>The entity's primary name.</summary>
    public string Name { get; init; } = "";

    /// <summary>The name or alias that scored.</summary>
    public string MatchedName { get; init; } = "";

    /// <summary>0–1.</summary>
    public double Score { get; init; }

    /// <summary><c>person</c>, <c>organization</c>, <c>vessel</c> or <c>aircraft</c>.</summary>
    public string Schema { get; init; } = "";

    /// <summary>Sanctions programmes.</summary>
    public IReadOnlyList<string> Programs { get; init; } = [];

    /// <summary>The matched birth date (may be <c>YYYY</c> or <c>YYYY-MM</c>).</summary>
    public string? DateOfBirth { get; init; }

    /// <summary>The matched nationality.</summary>
    public string? Nationality { get; init; }

    /// <summary>What matched: <c>name</c>, <c>dob</c>, <c>nationality</c>.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];

    /// <summary>V1: display names of the lists, e.g. <c>OFAC SDN</c>.</summary>
    public IReadOnlyList<string> Lists { get; init; } = [];

    /// <summary>V1: <c>individual</c>, <c>entity</c>, <c>vessel</c> or <c>aircraft</c>.</summary>
    public string? EntityType { get; init; }

    /// <summary>V1 details.</summary>
    public AmlMatchDetails? Details { get; init; }
}
