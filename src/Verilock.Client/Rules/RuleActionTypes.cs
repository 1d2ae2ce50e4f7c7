namespace Verilock.Client;

/// <summary>The actions of a rule (spec §18). The first approve, decline or review that matches decides.</summary>
public static class RuleActionTypes
{
    /// <summary>Approve the session.</summary>
    public const string Approve = "approve";

    /// <summary>Decline the session.</summary>
    public const string Decline = "decline";

    /// <summary>Send the session to review (reason <c>rule_review</c>).</summary>
    public const string Review = "review";

    /// <summary>Send <c>rule.triggered</c> and go on to the next rule.</summary>
    public const string Webhook = "webhook";
}
