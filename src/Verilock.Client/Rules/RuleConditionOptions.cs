namespace Verilock.Client;

/// <summary>A condition to send: the field, the operator and the value to compare with.</summary>
public sealed class RuleConditionOptions
{
    /// <summary>Required: see <see cref="RuleFields"/>.</summary>
    public string? Field { get; set; }

    /// <summary>Required: see <see cref="RuleOperators"/>.</summary>
    public string? Operator { get; set; }

    /// <summary>
    /// A string, number or boolean; for <c>in</c>/<c>not_in</c> an array (<c>string[]</c>, <c>double[]</c>, <c>int[]</c>);
    /// null for <c>is_null</c>/<c>is_not_null</c>. A value of the wrong type for the field is a 422.
    /// </summary>
    public object? Value { get; set; }
}
