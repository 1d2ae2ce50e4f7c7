namespace Verilock.Client;

/// <summary>An orchestration rule (spec §18): conditions on a session's results and the action taken when all hold.</summary>
public sealed class Rule : VerilockEntity
{
    /// <summary><c>rule_&lt;uuid&gt;</c>.</summary>
    public string Id { get; init; } = "";

    /// <summary>False for a rule of a test key (it runs on test sessions only).</summary>
    public bool Livemode { get; init; }

    /// <summary>Your label.</summary>
    public string Name { get; init; } = "";

    /// <summary>Your note, if any.</summary>
    public string? Description { get; init; }

    /// <summary>0–1,000,000; lower runs first, equal priorities in creation order.</summary>
    public int Priority { get; init; }

    /// <summary>A disabled rule is kept but never runs.</summary>
    public bool Enabled { get; init; }

    /// <summary>All of them must hold for the rule to match.</summary>
    public IReadOnlyList<RuleCondition> Conditions { get; init; } = [];

    /// <summary>What a match does.</summary>
    public RuleAction Action { get; init; } = new();

    /// <summary>Whether the rule may turn an automatic <c>declined</c> into <c>approved</c> or review.</summary>
    public bool AllowOverrideDecline { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When it was last changed.</summary>
    public DateTimeOffset UpdatedAt { get; init; }
}
