using System.Text.Json;

namespace Verilock.Client;

/// <summary>One condition of a rule: a session field (<see cref="RuleFields"/>), an operator (<see cref="RuleOperators"/>) and a value.</summary>
public sealed class RuleCondition
{
    /// <summary>E.g. <c>risk_score</c>, <c>document.expired</c>, <c>metadata.tier</c>.</summary>
    public string Field { get; init; } = "";

    /// <summary>E.g. <c>gte</c>, <c>in</c>, <c>is_null</c>.</summary>
    public string Operator { get; init; } = "";

    /// <summary>As given: a number, string, boolean or array; null for <c>is_null</c>/<c>is_not_null</c>.</summary>
    public JsonElement? Value { get; init; }
}
