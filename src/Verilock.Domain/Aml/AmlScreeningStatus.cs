namespace Verilock.Domain.Aml;

/// <summary>Where a screening stands (spec §11.1): found nothing, found something to review, or a reviewer's verdict.</summary>
public enum AmlScreeningStatus
{
    Clear,
    PotentialMatch,
    ConfirmedMatch,
}

/// <summary>A reviewer's verdict on a screening (spec §11.3, §16).</summary>
public enum AmlDecision
{
    Clear,
    ConfirmedMatch,

    /// <summary>Handed on to a senior reviewer: the screening stays a potential match, and may still be cleared or confirmed.</summary>
    Escalate,
}

public static class AmlScreeningStatuses
{
    private static readonly string[] Names = ["clear", "potential_match", "confirmed_match"];

    public static string AllowedList => string.Join(", ", Names);

    public static string ToWire(this AmlScreeningStatus status) => Names[(int)status];

    public static string ToWire(this AmlDecision decision) => decision switch
    {
        AmlDecision.Clear => "clear",
        AmlDecision.ConfirmedMatch => "confirmed_match",
        _ => "escalate",
    };

    /// <summary>What a decision's 422 lists.</summary>
    public const string AllowedDecisions = "clear, confirmed_match, escalate (or the V1 approve, decline)";

    /// <summary><c>low</c>, <c>high</c>, <c>critical</c> for clear, potential and confirmed matches.</summary>
    public static string RiskLevel(this AmlScreeningStatus status) => status switch
    {
        AmlScreeningStatus.Clear => "low",
        AmlScreeningStatus.PotentialMatch => "high",
        _ => "critical",
    };

    public static bool TryParse(string? value, out AmlScreeningStatus status)
    {
        var index = value is null ? -1 : Array.IndexOf(Names, value);
        status = (AmlScreeningStatus)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>Reads a decision; the V1 screening API's <c>approve</c> and <c>decline</c> are <c>clear</c> and <c>confirmed_match</c> (spec §16).</summary>
    public static bool TryParseDecision(string? value, out AmlDecision decision)
    {
        AmlDecision? parsed = value switch
        {
            "clear" or "approve" => AmlDecision.Clear,
            "confirmed_match" or "decline" => AmlDecision.ConfirmedMatch,
            "escalate" => AmlDecision.Escalate,
            _ => null,
        };
        decision = parsed ?? AmlDecision.Clear;
        return parsed is not null;
    }
}
