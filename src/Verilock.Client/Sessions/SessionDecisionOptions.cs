namespace Verilock.Client;

/// <summary>The body of <c>POST /sessions/{id}/decision</c> (spec §8.8), for a session in review.</summary>
public sealed class SessionDecisionOptions
{
    /// <summary><see cref="SessionDecisions.Approved"/> or <see cref="SessionDecisions.Declined"/>.</summary>
    public string? Decision { get; set; }

    /// <summary>Why (≤ 1000 chars); shown as <c>decision_reason</c>.</summary>
    public string? Reason { get; set; }
}
