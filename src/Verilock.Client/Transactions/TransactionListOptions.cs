using Verilock.Client.Http;

namespace Verilock.Client;

/// <summary>The query of <c>GET /transactions</c> (spec §19).</summary>
public sealed class TransactionListOptions : ListOptions
{
    /// <summary>Only this status (<see cref="TransactionStatuses"/>; <c>pending_review</c> is the review queue).</summary>
    public string? Status { get; set; }

    /// <summary>Only this recommendation (<see cref="TransactionRecommendations"/>).</summary>
    public string? Recommendation { get; set; }

    /// <summary>Only this reference (exact).</summary>
    public string? ReferenceId { get; set; }

    /// <summary>Only the transactions of this session.</summary>
    public string? SessionId { get; set; }

    private protected override void AddFilters(QueryBuilder query) =>
        query.Add("status", Status).Add("recommendation", Recommendation).Add("reference_id", ReferenceId).Add("session_id", SessionId);
}
