using Verilock.Domain.Common;

namespace Verilock.Domain.Rules;

/// <summary>What an account writes for a rule (spec §18); validated by the API before it reaches a <see cref="Rule"/>.</summary>
public sealed record RuleDefinition(
    string Name,
    string? Description,
    int Priority,
    bool Enabled,
    IReadOnlyList<RuleCondition> Conditions,
    RuleAction Action,
    bool AllowOverrideDecline);

/// <summary>
/// An orchestration rule of an account and mode (spec §18): run after a session's automatic checks, before its
/// decision is recorded, in <see cref="Priority"/> order (lower first, then creation order).
/// </summary>
public sealed class Rule
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;
    public const int MaxReasonLength = 1000;
    public const int MaxConditions = 20;
    public const int MaxPriority = 1_000_000;
    public const string IdPrefix = "rule_";

    private Rule()
    {
        Id = "";
        Name = "";
        Conditions = [];
        Action = new RuleAction(RuleAction.Webhook, null);
    }

    public string Id { get; private set; }
    public Guid AccountId { get; private set; }
    public bool LiveMode { get; private set; }
    public string Name { get; private set; }
    public string? Description { get; private set; }
    public int Priority { get; private set; }
    public bool Enabled { get; private set; }
    public IReadOnlyList<RuleCondition> Conditions { get; private set; }
    public RuleAction Action { get; private set; }
    public bool AllowOverrideDecline { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime UpdatedAt { get; private set; }

    /// <summary>What <see cref="DecidedBy"/> a session decided by this rule shows.</summary>
    public string DecidedBy => DecidedByPrefix + Id;

    public const string DecidedByPrefix = "rule:";

    public RuleDefinition Definition =>
        new(Name, Description, Priority, Enabled, Conditions, Action, AllowOverrideDecline);

    public static Rule Create(Guid accountId, bool liveMode, RuleDefinition definition, DateTime now)
    {
        var rule = new Rule
        {
            Id = IdPrefix + Guid.NewGuid().ToString("D"),
            AccountId = accountId,
            LiveMode = liveMode,
            CreatedAt = Clock.ToMicroseconds(now),
        };
        rule.Apply(definition, now);
        return rule;
    }

    /// <summary>A rule that is never stored: the draft <c>POST /orchestration/rules/simulate</c> replays.</summary>
    public static Rule Draft(Guid accountId, bool liveMode, RuleDefinition definition, DateTime now)
    {
        var rule = Create(accountId, liveMode, definition with { Enabled = true }, now);
        rule.Id = "draft";
        return rule;
    }

    public void Change(RuleDefinition definition, DateTime now)
    {
        if (definition with { Conditions = Conditions } == Definition && definition.Conditions.SequenceEqual(Conditions, ConditionComparer.Instance))
            return;
        Apply(definition, now);
    }

    private void Apply(RuleDefinition definition, DateTime now)
    {
        Name = definition.Name;
        Description = definition.Description;
        Priority = definition.Priority;
        Enabled = definition.Enabled;
        Conditions = definition.Conditions;
        Action = definition.Action;
        AllowOverrideDecline = definition.AllowOverrideDecline;
        UpdatedAt = Clock.ToMicroseconds(now);
    }

    private sealed class ConditionComparer : IEqualityComparer<RuleCondition>
    {
        public static readonly ConditionComparer Instance = new();

        public bool Equals(RuleCondition? x, RuleCondition? y) =>
            x is not null && y is not null && x.Field == y.Field && x.Operator == y.Operator &&
            x.Value?.GetRawText() == y.Value?.GetRawText();

        public int GetHashCode(RuleCondition obj) => HashCode.Combine(obj.Field, obj.Operator);
    }
}
