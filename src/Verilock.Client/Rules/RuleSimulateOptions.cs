namespace Verilock.Client;

/// <summary>The body of <c>POST /orchestration/rules/simulate</c>: a draft rule and the sessions to replay it over.</summary>
public sealed class RuleSimulateOptions
{
    /// <summary>Required: the draft, validated as a create (it is not stored).</summary>
    public RuleCreateOptions? Rule { get; set; }

    /// <summary>Only sessions created on or after this UTC day.</summary>
    public DateOnly? From { get; set; }

    /// <summary>Only sessions created on or before this UTC day (the whole day included).</summary>
    public DateOnly? To { get; set; }

    /// <summary>The newest 1–10,000 decided sessions (default 1,000).</summary>
    public int? Limit { get; set; }
}
