using System.Text.Json;

namespace Verilock.Domain.Rules;

/// <summary>
/// One test of a rule (spec §18): a field of the session, an operator and the value it compares with, kept as the
/// JSON the account gave (absent for <c>is_null</c>/<c>is_not_null</c>). <see cref="RuleCatalogue.Problem"/> says
/// whether the three fit together; <see cref="RuleEngine"/> tests them against a session's <see cref="RuleFacts"/>.
/// </summary>
public sealed record RuleCondition(string Field, string Operator, JsonElement? Value);

/// <summary>What a matching rule does: <c>approve</c>, <c>decline</c>, <c>review</c> or <c>webhook</c>, with an optional reason.</summary>
public sealed record RuleAction(string Type, string? Reason)
{
    public const string Approve = "approve";
    public const string Decline = "decline";
    public const string Review = "review";
    public const string Webhook = "webhook";

    public static readonly IReadOnlyList<string> Types = [Approve, Decline, Review, Webhook];

    /// <summary>Approve, decline and review decide the session; a webhook only reports the match.</summary>
    public bool Decides => Type != Webhook;
}

/// <summary>The operators of spec §18.</summary>
public static class RuleOperators
{
    public const string Eq = "eq";
    public const string Neq = "neq";
    public const string Gt = "gt";
    public const string Gte = "gte";
    public const string Lt = "lt";
    public const string Lte = "lte";
    public const string In = "in";
    public const string NotIn = "not_in";
    public const string Contains = "contains";
    public const string IsNull = "is_null";
    public const string IsNotNull = "is_not_null";

    public static readonly IReadOnlyList<string> All = [Eq, Neq, Gt, Gte, Lt, Lte, In, NotIn, Contains, IsNull, IsNotNull];

    public static bool TakesNoValue(string op) => op is IsNull or IsNotNull;
}
