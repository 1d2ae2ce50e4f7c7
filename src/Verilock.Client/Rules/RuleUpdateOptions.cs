namespace Verilock.Client;

/// <summary>
/// The body of <c>PATCH /orchestration/rules/{id}</c>: only the options set are sent and changed; <see cref="Conditions"/>
/// and <see cref="Action"/>, when set, replace the old ones whole.
/// </summary>
public sealed class RuleUpdateOptions
{
    /// <summary>A new name.</summary>
    public string? Name { get; set; }

    /// <summary>A new description.</summary>
    public string? Description { get; set; }

    /// <summary>A new priority.</summary>
    public int? Priority { get; set; }

    /// <summary>Turn the rule on or off.</summary>
    public bool? Enabled { get; set; }

    /// <summary>New conditions (all of them).</summary>
    public IReadOnlyList<RuleConditionOptions>? Conditions { get; set; }

    /// <summary>A new action.</summary>
    public RuleActionOptions? Action { get; set; }

    /// <summary>On or off.</summary>
    public bool? AllowOverrideDecline { get; set; }
}
