using Verilock.Client.Http;

namespace Verilock.Client;

/// <summary>The query of <c>GET /sessions</c> (spec §8.2).</summary>
public sealed class SessionListOptions : ListOptions
{
    /// <summary>Only sessions of this status (<see cref="SessionStatuses"/>).</summary>
    public string? Status { get; set; }

    /// <summary>Only sessions with this reference (exact).</summary>
    public string? ReferenceId { get; set; }

    private protected override void AddFilters(QueryBuilder query) =>
        query.Add("status", Status).Add("reference_id", ReferenceId);
}
