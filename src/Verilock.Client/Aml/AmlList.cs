namespace Verilock.Client;

/// <summary>A sanctions list the server has loaded (spec §11.5).</summary>
public sealed class AmlList
{
    /// <summary>The id screenings name: <c>us_ofac_sdn</c>, <c>un_sc</c>, <c>eu_fsf</c>, <c>gb_ofsi</c>; <c>sandbox</c> for test keys.</summary>
    public string Id { get; init; } = "";

    /// <summary>Display name.</summary>
    public string Name { get; init; } = "";

    /// <summary><c>sanctions</c> or <c>pep</c>.</summary>
    public string Type { get; init; } = "";

    /// <summary>The publisher.</summary>
    public string? Source { get; init; }

    /// <summary>Where the publisher serves it.</summary>
    public Uri? SourceUrl { get; init; }

    /// <summary>The loaded version.</summary>
    public string? Version { get; init; }

    /// <summary>When the publisher published it.</summary>
    public DateTimeOffset? PublishedAt { get; init; }

    /// <summary>Entries in it.</summary>
    public int EntityCount { get; init; }

    /// <summary>When this server loaded it.</summary>
    public DateTimeOffset? LoadedAt { get; init; }
}
