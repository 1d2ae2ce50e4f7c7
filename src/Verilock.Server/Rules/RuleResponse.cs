using Verilock.Domain.Rules;

namespace Verilock.Server.Rules;

/// <summary>An orchestration rule as the API shows it (spec §18).</summary>
public sealed record RuleResponse(
    string Id,
    bool Livemode,
    string Name,
    string? Description,
    int Priority,
    bool Enabled,
    IReadOnlyList<RuleConditionResponse> Conditions,
    RuleActionResponse Action,
    bool AllowOverrideDecline,
    DateTime CreatedAt,
    DateTime UpdatedAt)
{
    public static RuleResponse From(Rule rule) => new(
        rule.Id, rule.LiveMode, rule.Name, rule.Description, rule.Priority, rule.Enabled,
        rule.Conditions.Select(c => new RuleConditionResponse(c.Field, c.Operator, c.Value is { } v ? v : null)).ToArray(),
        new RuleActionResponse(rule.Action.Type, rule.Action.Reason), rule.AllowOverrideDecline, rule.CreatedAt, rule.UpdatedAt);
}

/// <param name="Value">Typed <c>object</c> so any JSON value is documented. As given: a number, string, boolean or array; null for <c>is_null</c>/<c>is_not_null</c>.</param>
public sealed record RuleConditionResponse(string Field, string Operator, object? Value);

public sealed record RuleActionResponse(string Type, string? Reason);
