using System.Text.Json;
using Verilock.Domain.Rules;

namespace Verilock.Domain.Tests.Rules;

internal static class RuleTestData
{
    public static readonly DateTime Now = new(2026, 3, 15, 10, 30, 0, DateTimeKind.Utc);

    public static RuleCondition C(string field, string op, string? json = null) =>
        new(field, op, json is null ? null : JsonDocument.Parse(json).RootElement.Clone());

    public static Rule NewRule(string action, int priority, params RuleCondition[] conditions) =>
        NewRule(action, priority, allowOverride: false, conditions);

    public static Rule NewRule(string action, int priority, bool allowOverride, params RuleCondition[] conditions) =>
        Rule.Create(Guid.Empty, false, new RuleDefinition(
            $"{action} {priority}", null, priority, true, conditions, new RuleAction(action, null), allowOverride), Now);

    public static RuleFacts Facts(params (string Field, object Value)[] values) =>
        new(values.ToDictionary(v => v.Field, v => v.Value), new Dictionary<string, object?>());
}
