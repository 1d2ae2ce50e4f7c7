namespace Verilock.Client;

/// <summary>The transaction types of spec §19.</summary>
public static class TransactionTypes
{
    /// <summary>Bank-to-bank transfer.</summary>
    public const string WireTransfer = "wire_transfer";

    /// <summary>Card payment to a merchant.</summary>
    public const string CardPayment = "card_payment";

    /// <summary>Crypto-asset transfer.</summary>
    public const string CryptoTransfer = "crypto_transfer";

    /// <summary>ACH transfer.</summary>
    public const string AchTransfer = "ach_transfer";

    /// <summary>Person-to-person payment.</summary>
    public const string P2pPayment = "p2p_payment";
}

/// <summary>A transaction's <c>recommendation</c>: 0–30 approve, 31–69 review, ≥ 70 block.</summary>
public static class TransactionRecommendations
{
    /// <summary>Let it through.</summary>
    public const string Approve = "approve";

    /// <summary>A person should look.</summary>
    public const string Review = "review";

    /// <summary>Stop it.</summary>
    public const string Block = "block";
}

/// <summary>A transaction's <c>status</c>.</summary>
public static class TransactionStatuses
{
    /// <summary>Recommended approve, or approved by a reviewer.</summary>
    public const string Approved = "approved";

    /// <summary>In the review queue.</summary>
    public const string PendingReview = "pending_review";

    /// <summary>Recommended block, or blocked by a reviewer.</summary>
    public const string Blocked = "blocked";

    /// <summary>Escalated by a reviewer; can still be approved or blocked.</summary>
    public const string Escalated = "escalated";
}

/// <summary>A reviewer's decisions on a transaction.</summary>
public static class TransactionDecisions
{
    /// <summary>Approve (final).</summary>
    public const string Approve = "approve";

    /// <summary>Block (final).</summary>
    public const string Block = "block";

    /// <summary>Escalate; approve or block may follow.</summary>
    public const string Escalate = "escalate";
}
