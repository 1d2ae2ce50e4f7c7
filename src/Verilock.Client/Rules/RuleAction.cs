namespace Verilock.Client;

/// <summary>What a matching rule does (spec §18).</summary>
public sealed class RuleAction
{
    /// <summary>See <see cref="RuleActionTypes"/>.</summary>
    public string Type { get; init; } = "";

    /// <summary>The session's <c>decision_reason</c> when the rule decides.</summary>
    public string? Reason { get; init; }
}
