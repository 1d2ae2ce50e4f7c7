using System.Text.Json;
using Verilock.Domain.Rules;
using Verilock.Server.Api;

namespace Verilock.Server.Rules;

/// <summary>
/// Reads a rule (spec §18) from the body of <c>POST</c>/<c>PATCH /orchestration/rules</c>, the <c>rule</c> of a
/// simulation and the dashboard's rule form. Each condition is checked against <see cref="RuleCatalogue"/> and a
/// problem is named by its place: <c>conditions.1.operator</c>. Unknown fields are ignored, as everywhere in the API.
/// </summary>
public static class RuleRequest
{
    /// <summary>
    /// A new rule (<paramref name="current"/> null: <c>name</c>, <c>conditions</c> and <c>action</c> required) or a change
    /// to <paramref name="current"/> (absent fields keep their value); null when invalid, every problem in the errors.
    /// </summary>
    public static RuleDefinition? Read(JsonFields fields, RuleDefinition? current = null)
    {
        var errorsBefore = fields.Errors.Count;
        var name = ReadName(fields, required: current is null);
        var description = fields.String("description", Rule.MaxDescriptionLength);
        var priority = fields.Integer("priority", 0, Rule.MaxPriority);
        var enabled = fields.Boolean("enabled");
        var conditions = ReadConditions(fields, required: current is null);
        var action = ReadAction(fields, required: current is null);
        var allowOverride = fields.Boolean("allow_override_decline");
        if (fields.Errors.Count > errorsBefore)
            return null;
        return new RuleDefinition(
            name ?? current!.Name,
            description ?? (fields.IsNull("description") ? null : current?.Description),
            priority is { } p ? (int)p : current?.Priority ?? 0,
            enabled ?? current?.Enabled ?? true,
            conditions ?? current!.Conditions,
            action ?? current!.Action,
            allowOverride ?? current?.AllowOverrideDecline ?? false);
    }

    private static string? ReadName(JsonFields fields, bool required)
    {
        var path = fields.PathOf("name");
        if (!fields.Has("name"))
        {
            if (required)
                fields.Errors.Add(path, $"The {path} field is required.");
            return null;
        }
        var name = fields.String("name", Rule.MaxNameLength);
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            fields.Errors.Add(path, $"The {path} field must not be empty.");
            return null;
        }
        return name?.Trim();
    }

    private static IReadOnlyList<RuleCondition>? ReadConditions(JsonFields fields, bool required)
    {
        var path = fields.PathOf("conditions");
        var raw = fields.RawArray("conditions");
        if (raw is null)
        {
            if (required && !fields.Errors.Has(path))
                fields.Errors.Add(path, $"The {path} field is required.");
            return null;
        }
        var items = raw.Value.EnumerateArray().ToList();
        if (items.Count is 0 or > Rule.MaxConditions)
        {
            fields.Errors.Add(path, $"The {path} must have 1 to {Rule.MaxConditions} conditions.");
            return null;
        }
        var conditions = new List<RuleCondition>();
        for (var i = 0; i < items.Count; i++)
        {
            var at = $"{path}.{i}";
            if (items[i].ValueKind != JsonValueKind.Object)
            {
                fields.Errors.Add(at, $"The {at} must be an object.");
                continue;
            }
            if (ReadCondition(new JsonFields(items[i], fields.Errors, at + "."), items[i]) is { } condition)
                conditions.Add(condition);
        }
        return conditions.Count == items.Count ? conditions : null;
    }

    private static RuleCondition? ReadCondition(JsonFields fields, JsonElement item)
    {
        var errorsBefore = fields.Errors.Count;
        var field = Required(fields, "field");
        var op = Required(fields, "operator");
        if (fields.Errors.Count > errorsBefore)
            return null;
        var value = item.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null ? v.Clone() : (JsonElement?)null;
        var condition = new RuleCondition(field!, op!, value);
        if (RuleCatalogue.Problem(condition) is not { } problem)
            return condition;
        var path = fields.PathOf(problem.Part);
        fields.Errors.Add(path, $"The {path} is invalid. {problem.Message}");
        return null;
    }

    private static string? Required(JsonFields fields, string name)
    {
        if (!fields.Has(name))
        {
            fields.Errors.Add(fields.PathOf(name), $"The {fields.PathOf(name)} field is required.");
            return null;
        }
        return fields.String(name, 100);
    }

    private static RuleAction? ReadAction(JsonFields fields, bool required)
    {
        var path = fields.PathOf("action");
        var action = fields.Object("action");
        if (action is null)
        {
            if (required && !fields.Errors.Has(path))
                fields.Errors.Add(path, $"The {path} field is required.");
            return null;
        }
        var type = Required(action, "type");
        if (type is not null && !RuleAction.Types.Contains(type))
        {
            fields.Errors.Add(action.PathOf("type"), $"The selected {action.PathOf("type")} is invalid. Allowed: {string.Join(", ", RuleAction.Types)}.");
            type = null;
        }
        var reason = action.String("reason", Rule.MaxReasonLength);
        return type is null ? null : new RuleAction(type, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim());
    }
}
