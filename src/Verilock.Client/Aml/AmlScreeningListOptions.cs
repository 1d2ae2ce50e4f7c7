using Verilock.Client.Http;

namespace Verilock.Client;

/// <summary>The query of <c>GET /aml/screenings</c> (spec §11.2).</summary>
public sealed class AmlScreeningListOptions : ListOptions
{
    /// <summary>Only this status (<see cref="AmlScreeningStatuses"/>).</summary>
    public string? Status { get; set; }

    /// <summary>Only this reference.</summary>
    public string? ReferenceId { get; set; }

    /// <summary>Only the screenings of this session.</summary>
    public string? SessionId { get; set; }

    private protected override void AddFilters(QueryBuilder query) =>
        query.Add("status", Status).Add("reference_id", ReferenceId).Add("session_id", SessionId);
}
