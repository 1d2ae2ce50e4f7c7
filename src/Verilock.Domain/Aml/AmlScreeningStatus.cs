namespace Verilock.Domain.Aml;

/// <summary>Where a screening stands (spec §11.1): found nothing, found something to review, or a reviewer's verdict.</summary>
public enum AmlScreeningStatus
{
    Clear,
    PotentialMatch,
    ConfirmedMatch,
}

/// <summary>A reviewer's verdict on a screening (spec §11.3).</summary>
public enum AmlDecision
{
    Clear,
    ConfirmedMatch,
}

public static class AmlScreeningStatuses
{
    private static readonly string[] Names = ["clear", "potential_match", "confirmed_match"];

    public static string AllowedList => string.Join(", ", Names);

    public static string ToWire(this AmlScreeningStatus status) => Names[(int)status];

    public static string ToWire(this AmlDecision decision) => decision == AmlDecision.Clear ? "clear" : "confirmed_match";

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

    public static bool TryParseDecision(string? value, out AmlDecision decision)
    {
        decision = value == "confirmed_match" ? AmlDecision.ConfirmedMatch : AmlDecision.Clear;
        return value is "clear" or "confirmed_match";
    }
}
