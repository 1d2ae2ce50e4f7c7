namespace Verilock.Client;

/// <summary>The body of <c>POST /transactions/{id}/decision</c>.</summary>
public sealed class TransactionDecisionOptions
{
    /// <summary>Required: see <see cref="TransactionDecisions"/>.</summary>
    public string? Decision { get; set; }

    /// <summary>Why, up to 1,000 characters.</summary>
    public string? Reason { get; set; }
}

/// <summary>The answer of <c>POST /transactions/{id}/decision</c>: the decision and the status it gave.</summary>
public sealed class TransactionDecisionResult : VerilockEntity
{
    /// <summary>The transaction.</summary>
    public string Id { get; init; } = "";

    /// <summary>See <see cref="TransactionDecisions"/>.</summary>
    public string Decision { get; init; } = "";

    /// <summary>The deciding key's prefix.</summary>
    public string DecidedBy { get; init; } = "";

    /// <summary>When (the first time, for a repeat of the same decision).</summary>
    public DateTimeOffset DecidedAt { get; init; }

    /// <summary>The transaction's status now (<see cref="TransactionStatuses"/>).</summary>
    public string Status { get; init; } = "";
}
