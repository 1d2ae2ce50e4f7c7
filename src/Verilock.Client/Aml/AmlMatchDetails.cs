namespace Verilock.Client;

/// <summary>The V1 <c>details</c> of a match (spec §16).</summary>
public sealed class AmlMatchDetails
{
    /// <summary>Aliases.</summary>
    public IReadOnlyList<string> Aka { get; init; } = [];

    /// <summary>ISO alpha-2.</summary>
    public string? Country { get; init; }

    /// <summary>Birth date as listed.</summary>
    public string? DateOfBirth { get; init; }

    /// <summary>Sanctions programmes.</summary>
    public IReadOnlyList<string> Programs { get; init; } = [];

    /// <summary>The publisher's page for the entry or list.</summary>
    public Uri? SourceUrl { get; init; }

    /// <summary>PEP position (no PEP list is loaded: null).</summary>
    public string? Position { get; init; }

    /// <summary>PEP still in office (null).</summary>
    public bool? Active { get; init; }
}
