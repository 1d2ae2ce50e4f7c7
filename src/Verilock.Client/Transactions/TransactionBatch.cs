namespace Verilock.Client;

/// <summary>The answer of <c>POST /transactions/screen/batch</c>: a line per transaction, in the order sent, and the counts.</summary>
public sealed class TransactionBatch : VerilockEntity
{
    /// <summary>One per transaction sent, in order.</summary>
    public IReadOnlyList<TransactionBatchResult> Results { get; init; } = [];

    /// <summary>The counts per recommendation.</summary>
    public TransactionBatchSummary Summary { get; init; } = new();
}

/// <summary>One line of a batch: read the whole transaction with <c>client.Transactions.GetAsync(Id)</c>.</summary>
public sealed class TransactionBatchResult
{
    /// <summary><c>txn_&lt;uuid&gt;</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>Your reference.</summary>
    public string? ReferenceId { get; init; }

    /// <summary>0–100.</summary>
    public int RiskScore { get; init; }

    /// <summary>See <see cref="RiskLevels"/>.</summary>
    public string RiskLevel { get; init; } = "";

    /// <summary>See <see cref="TransactionRecommendations"/>.</summary>
    public string Recommendation { get; init; } = "";
}

/// <summary>The counts of a batch.</summary>
public sealed class TransactionBatchSummary
{
    /// <summary>Transactions screened.</summary>
    public int Total { get; init; }

    /// <summary>Recommended <c>approve</c>.</summary>
    public int Approved { get; init; }

    /// <summary>Recommended <c>review</c>.</summary>
    public int Review { get; init; }

    /// <summary>Recommended <c>block</c>.</summary>
    public int Blocked { get; init; }
}

/// <summary>The request body of a batch.</summary>
internal sealed class TransactionBatchBody(IReadOnlyList<TransactionScreenOptions> transactions)
{
    public IReadOnlyList<TransactionScreenOptions> Transactions { get; } = transactions;
}
