namespace Verilock.Client;

/// <summary>The body of <c>POST /orchestration/rules</c> (and the <c>rule</c> of a simulation); null options take their default.</summary>
public sealed class RuleCreateOptions
{
    /// <summary>Required: 1–100 characters.</summary>
    public string? Name { get; set; }

    /// <summary>Up to 1,000 characters.</summary>
    public string? Description { get; set; }

    /// <summary>0–1,000,000 (default 0); lower runs first.</summary>
    public int? Priority { get; set; }

    /// <summary>Default true.</summary>
    public bool? Enabled { get; set; }

    /// <summary>Required: 1–20 conditions, all of which must hold.</summary>
    public IReadOnlyList<RuleConditionOptions>? Conditions { get; set; }

    /// <summary>Required.</summary>
    public RuleActionOptions? Action { get; set; }

    /// <summary>Default false: the rule never turns an automatic <c>declined</c> into <c>approved</c> or review.</summary>
    public bool? AllowOverrideDecline { get; set; }
}
