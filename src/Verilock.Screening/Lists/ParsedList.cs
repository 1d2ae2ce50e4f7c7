using Verilock.Screening.Model;

namespace Verilock.Screening.Lists;

/// <summary>What a parser reads from the publisher's file(s): the entries and the file's own date.</summary>
/// <param name="Version">The publisher's date for this copy, <c>YYYY-MM-DD</c>.</param>
public sealed record ParsedList(IReadOnlyList<SanctionsEntity> Entities, string Version, DateTimeOffset? PublishedAt);
