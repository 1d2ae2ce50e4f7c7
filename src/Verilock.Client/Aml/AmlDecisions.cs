namespace Verilock.Client;

/// <summary>Decisions on a screening (spec §11.3, and the V1 values of §16).</summary>
public static class AmlDecisions
{
    /// <summary>Not the listed person.</summary>
    public const string Clear = "clear";

    /// <summary>The listed person.</summary>
    public const string ConfirmedMatch = "confirmed_match";

    /// <summary>V1 name of clear.</summary>
    public const string Approve = "approve";

    /// <summary>V1 name of confirmed_match.</summary>
    public const string Decline = "decline";

    /// <summary>Keep potential_match, mark it escalated.</summary>
    public const string Escalate = "escalate";
}
