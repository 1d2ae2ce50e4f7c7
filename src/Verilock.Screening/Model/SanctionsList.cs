namespace Verilock.Screening.Model;

/// <summary>A parsed list: what it is (for <c>GET /aml/lists</c>) and its entries.</summary>
public sealed record SanctionsList(ListMetadata Metadata, IReadOnlyList<SanctionsEntity> Entities);

/// <summary>The spec §11.5 description of a loaded list.</summary>
/// <param name="Type"><c>sanctions</c> or <c>pep</c>.</param>
/// <param name="Version">The publisher's date for this copy (<c>YYYY-MM-DD</c>).</param>
/// <param name="PublishedAt">When the publisher generated the file, when it says so.</param>
public sealed record ListMetadata(
    string Id,
    string Name,
    string Type,
    string Source,
    string SourceUrl,
    string Version,
    DateTimeOffset? PublishedAt,
    int EntityCount,
    DateTimeOffset LoadedAt);
