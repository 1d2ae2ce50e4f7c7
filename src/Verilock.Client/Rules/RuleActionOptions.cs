namespace Verilock.Client;

/// <summary>The action to send with a rule.</summary>
public sealed class RuleActionOptions
{
    /// <summary>Required: see <see cref="RuleActionTypes"/>.</summary>
    public string? Type { get; set; }

    /// <summary>Up to 1,000 characters; becomes the session's <c>decision_reason</c> when the rule decides.</summary>
    public string? Reason { get; set; }
}
