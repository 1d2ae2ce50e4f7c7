namespace Verilock.Client;

/// <summary>The operators of a rule condition (spec §18).</summary>
public static class RuleOperators
{
    /// <summary>Equal.</summary>
    public const string Eq = "eq";

    /// <summary>Not equal.</summary>
    public const string Neq = "neq";

    /// <summary>Greater than.</summary>
    public const string Gt = "gt";

    /// <summary>Greater than or equal.</summary>
    public const string Gte = "gte";

    /// <summary>Less than.</summary>
    public const string Lt = "lt";

    /// <summary>Less than or equal.</summary>
    public const string Lte = "lte";

    /// <summary>One of the array's values.</summary>
    public const string In = "in";

    /// <summary>None of the array's values.</summary>
    public const string NotIn = "not_in";

    /// <summary>A list field (<c>session.steps</c>) holds the value.</summary>
    public const string Contains = "contains";

    /// <summary>The field has no value (its step did not run).</summary>
    public const string IsNull = "is_null";

    /// <summary>The field has a value.</summary>
    public const string IsNotNull = "is_not_null";
}
