using System.Globalization;
using System.Text.Json;
using Verilock.Domain.Common;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Rules;

/// <summary>What a field's values are, which decides the operators and value types it takes.</summary>
public enum RuleFieldKind
{
    /// <summary>A number in a range: <c>eq neq gt gte lt lte in not_in</c>.</summary>
    Number,

    /// <summary>One of a fixed set of words: <c>eq neq in not_in</c>.</summary>
    Choice,

    /// <summary>An ISO 3166-1 alpha-2 code: <c>eq neq in not_in</c>.</summary>
    Country,

    /// <summary>True or false: <c>eq neq</c>.</summary>
    Flag,

    /// <summary>The session's steps: <c>contains</c>.</summary>
    Steps,

    /// <summary>A <c>metadata.&lt;key&gt;</c> value (string, number or boolean): every operator.</summary>
    Metadata,
}

public sealed record RuleField(string Name, RuleFieldKind Kind, decimal Min = 0, decimal Max = 0, IReadOnlyList<string>? Choices = null);

/// <summary>A condition's problem: which part (<c>field</c>, <c>operator</c>, <c>value</c>) and why.</summary>
public readonly record struct RuleConditionProblem(string Part, string Message);

/// <summary>
/// The fields, operators and value types of spec §18, and whether a condition fits them. Every operator also takes
/// <c>is_null</c>/<c>is_not_null</c>, which take no value.
/// </summary>
public static class RuleCatalogue
{
    public const string MetadataPrefix = "metadata.";
    public const int MaxMetadataKeyLength = 40;
    public const int MaxListItems = 100;
    public const int MaxTextLength = 500;

    public static readonly IReadOnlyList<string> RiskLevels = ["low", "medium", "high", "critical"];
    public static readonly IReadOnlyList<string> AmlStatuses = ["clear", "match"];

    public static readonly IReadOnlyList<RuleField> Fields =
    [
        new("risk_score", RuleFieldKind.Number, 0, 100),
        new("risk_level", RuleFieldKind.Choice, Choices: RiskLevels),
        new("document.type", RuleFieldKind.Choice, Choices: ProfileSettings.AllDocumentTypes),
        new("document.issuing_country", RuleFieldKind.Country),
        new("document.expired", RuleFieldKind.Flag),
        new("face_match.similarity", RuleFieldKind.Number, 0, 1),
        new("liveness.score", RuleFieldKind.Number, 0, 1),
        new("aml.status", RuleFieldKind.Choice, Choices: AmlStatuses),
        new("aml.highest_score", RuleFieldKind.Number, 0, 1),
        new("person.age", RuleFieldKind.Number, 0, 150),
        new("person.nationality", RuleFieldKind.Country),
        new("session.steps", RuleFieldKind.Steps),
    ];

    private static readonly Dictionary<string, RuleField> ByName = Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);

    /// <summary>The field a condition names, <c>metadata.&lt;key&gt;</c> included; null when unknown.</summary>
    public static RuleField? Find(string name)
    {
        if (ByName.TryGetValue(name, out var field))
            return field;
        return name.StartsWith(MetadataPrefix, StringComparison.Ordinal) &&
            name.Length - MetadataPrefix.Length is > 0 and <= MaxMetadataKeyLength
            ? new RuleField(name, RuleFieldKind.Metadata)
            : null;
    }

    public static IReadOnlyList<string> OperatorsFor(RuleFieldKind kind) => kind switch
    {
        RuleFieldKind.Number => [RuleOperators.Eq, RuleOperators.Neq, RuleOperators.Gt, RuleOperators.Gte, RuleOperators.Lt,
            RuleOperators.Lte, RuleOperators.In, RuleOperators.NotIn, RuleOperators.IsNull, RuleOperators.IsNotNull],
        RuleFieldKind.Choice or RuleFieldKind.Country => [RuleOperators.Eq, RuleOperators.Neq, RuleOperators.In,
            RuleOperators.NotIn, RuleOperators.IsNull, RuleOperators.IsNotNull],
        RuleFieldKind.Flag => [RuleOperators.Eq, RuleOperators.Neq, RuleOperators.IsNull, RuleOperators.IsNotNull],
        RuleFieldKind.Steps => [RuleOperators.Contains, RuleOperators.IsNull, RuleOperators.IsNotNull],
        _ => RuleOperators.All,
    };

    /// <summary>The first thing wrong with <paramref name="condition"/>, or null when it fits the catalogue.</summary>
    public static RuleConditionProblem? Problem(RuleCondition condition)
    {
        var field = Find(condition.Field);
        if (field is null)
            return new("field", $"Unknown field '{Shown(condition.Field)}'. Allowed: {string.Join(", ", Fields.Select(f => f.Name))}, metadata.<key>.");
        if (!RuleOperators.All.Contains(condition.Operator))
            return new("operator", $"Unknown operator '{Shown(condition.Operator)}'. Allowed: {string.Join(", ", RuleOperators.All)}.");
        var operators = OperatorsFor(field.Kind);
        if (!operators.Contains(condition.Operator))
            return new("operator", $"The operator {condition.Operator} does not apply to {field.Name}. Allowed: {string.Join(", ", operators)}.");
        var value = condition.Value is { ValueKind: not JsonValueKind.Null } v ? v : (JsonElement?)null;
        if (RuleOperators.TakesNoValue(condition.Operator))
            return value is null ? null : new("value", $"The operator {condition.Operator} takes no value.");
        if (value is null)
            return new("value", $"The operator {condition.Operator} needs a value.");
        if (condition.Operator is RuleOperators.In or RuleOperators.NotIn)
        {
            if (value.Value.ValueKind != JsonValueKind.Array)
                return new("value", $"The operator {condition.Operator} needs an array of values.");
            var count = value.Value.GetArrayLength();
            if (count is 0 or > MaxListItems)
                return new("value", $"The operator {condition.Operator} needs 1 to {MaxListItems} values.");
            foreach (var item in value.Value.EnumerateArray())
            {
                if (ScalarProblem(field, condition.Operator, item) is { } problem)
                    return new("value", problem);
            }
            return null;
        }
        return ScalarProblem(field, condition.Operator, value.Value) is { } scalar ? new("value", scalar) : null;
    }

    private static string? ScalarProblem(RuleField field, string op, JsonElement value)
    {
        var ordering = op is RuleOperators.Gt or RuleOperators.Gte or RuleOperators.Lt or RuleOperators.Lte;
        switch (field.Kind)
        {
            case RuleFieldKind.Number:
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetDecimal(out var number))
                    return $"The value of {field.Name} must be a number.";
                return number < field.Min || number > field.Max
                    ? string.Create(CultureInfo.InvariantCulture, $"The value of {field.Name} must be between {field.Min} and {field.Max}.")
                    : null;
            case RuleFieldKind.Choice:
                return value.ValueKind == JsonValueKind.String && field.Choices!.Contains(value.GetString()!)
                    ? null
                    : $"The value of {field.Name} must be one of: {string.Join(", ", field.Choices!)}.";
            case RuleFieldKind.Country:
                return value.ValueKind == JsonValueKind.String && CountryCodes.IsAlpha2(value.GetString()!)
                    ? null
                    : $"The value of {field.Name} must be an ISO 3166-1 alpha-2 country code in capitals (FR, US…).";
            case RuleFieldKind.Flag:
                return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : $"The value of {field.Name} must be true or false.";
            case RuleFieldKind.Steps:
                return value.ValueKind == JsonValueKind.String && VerificationSteps.TryParse(value.GetString()!, out _)
                    ? null
                    : $"The value of {field.Name} must be a step name: {VerificationSteps.AllowedList}.";
            default:
                if (ordering)
                    return value.ValueKind == JsonValueKind.Number ? null : $"The operator {op} needs a number.";
                if (op == RuleOperators.Contains)
                    return value.ValueKind == JsonValueKind.String ? null : "The operator contains needs a string.";
                if (value.ValueKind == JsonValueKind.String)
                    return value.GetString()!.Length > MaxTextLength ? $"The value must not be greater than {MaxTextLength} characters." : null;
                return value.ValueKind is JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False
                    ? null
                    : "The value of a metadata field must be a string, number or boolean.";
        }
    }

    private static string Shown(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
