namespace Verilock.Domain.Transactions;

public enum TransactionRecommendation
{
    Approve,
    Review,
    Block,
}

public enum TransactionStatus
{
    Approved,
    PendingReview,
    Blocked,
    Escalated,
}

public enum TransactionDecision
{
    Approve,
    Block,
    Escalate,
}

/// <summary>The wire names of the transaction enums (spec §19).</summary>
public static class TransactionWire
{
    public const string AllowedStatuses = "approved, pending_review, blocked, escalated";
    public const string AllowedRecommendations = "approve, review, block";
    public const string AllowedDecisions = "approve, block, escalate";

    public static string ToWire(this TransactionRecommendation value) => value switch
    {
        TransactionRecommendation.Approve => "approve",
        TransactionRecommendation.Review => "review",
        _ => "block",
    };

    public static string ToWire(this TransactionStatus value) => value switch
    {
        TransactionStatus.Approved => "approved",
        TransactionStatus.PendingReview => "pending_review",
        TransactionStatus.Blocked => "blocked",
        _ => "escalated",
    };

    public static string ToWire(this TransactionDecision value) => value switch
    {
        TransactionDecision.Approve => "approve",
        TransactionDecision.Block => "block",
        _ => "escalate",
    };

    public static bool TryParseStatus(string? text, out TransactionStatus status) =>
        TryParse(text, out status, TransactionStatus.Approved, TransactionStatus.PendingReview, TransactionStatus.Blocked, TransactionStatus.Escalated);

    public static bool TryParseRecommendation(string? text, out TransactionRecommendation value) =>
        TryParse(text, out value, TransactionRecommendation.Approve, TransactionRecommendation.Review, TransactionRecommendation.Block);

    public static bool TryParseDecision(string? text, out TransactionDecision value) =>
        TryParse(text, out value, TransactionDecision.Approve, TransactionDecision.Block, TransactionDecision.Escalate);

    public static TransactionStatus ParseStatus(string text) =>
        TryParseStatus(text, out var status) ? status : throw new FormatException($"Unknown transaction status '{text}'.");

    public static TransactionRecommendation ParseRecommendation(string text) =>
        TryParseRecommendation(text, out var value) ? value : throw new FormatException($"Unknown recommendation '{text}'.");

    private static bool TryParse<T>(string? text, out T value, params T[] candidates) where T : struct, Enum
    {
        foreach (var candidate in candidates)
        {
            if (Wire(candidate) == text)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static string Wire<T>(T value) where T : struct, Enum => value switch
    {
        TransactionStatus s => s.ToWire(),
        TransactionRecommendation r => r.ToWire(),
        TransactionDecision d => d.ToWire(),
        _ => value.ToString(),
    };
}
