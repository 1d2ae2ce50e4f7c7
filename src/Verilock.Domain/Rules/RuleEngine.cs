using System.Text.Json;
using Verilock.Domain.Sessions;

namespace Verilock.Domain.Rules;

/// <summary>One rule as the session's <c>results.rules.evaluated</c> shows it.</summary>
public sealed record RuleEvaluated(string RuleId, string Name, bool Matched);

/// <summary>
/// What the rules did to one session (spec §18): the rules evaluated in order, the one that decided (null when the
/// automatic decision stood) and, stored but never shown, the automatic decision the rules started from, so a
/// simulation can replay them.
/// </summary>
public sealed record RuleLog(IReadOnlyList<RuleEvaluated> Evaluated, string? Applied, SessionDecision Automatic);

/// <summary>The outcome of <see cref="RuleEngine.Evaluate"/>.</summary>
/// <param name="Decision">The session's decision: the applied rule's, else the automatic one.</param>
/// <param name="Applied">The rule that decided, or null.</param>
/// <param name="Triggered">Matching rules that send <c>rule.triggered</c>: webhook rules and the deciding rule, in order.</param>
public sealed record RuleOutcome(SessionDecision Decision, Rule? Applied, IReadOnlyList<Rule> Triggered, RuleLog Log);

/// <summary>
/// Runs an account's rules over a session's <see cref="RuleFacts"/> (spec §18). Pure: no clock, no storage.
/// Enabled rules run in priority order, then creation order; all conditions of a rule must hold; a matching
/// <c>webhook</c> rule is reported and evaluation goes on; the first matching <c>approve</c>/<c>decline</c>/<c>review</c>
/// rule that may apply decides and ends the evaluation. A rule that would turn an automatic <c>declined</c> into
/// anything else applies only with <see cref="Rule.AllowOverrideDecline"/>; otherwise it is logged as matched and the
/// evaluation goes on.
/// </summary>
public static class RuleEngine
{
    /// <summary>Enabled rules in the order they run.</summary>
    public static IReadOnlyList<Rule> InOrder(IEnumerable<Rule> rules) =>
        rules.Where(r => r.Enabled).OrderBy(r => r.Priority).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToArray();

    public static RuleOutcome Evaluate(IEnumerable<Rule> rules, RuleFacts facts, SessionDecision automatic)
    {
        var evaluated = new List<RuleEvaluated>();
        var triggered = new List<Rule>();
        foreach (var rule in InOrder(rules))
        {
            var matched = rule.Conditions.All(c => Holds(c, facts));
            evaluated.Add(new RuleEvaluated(rule.Id, rule.Name, matched));
            if (!matched)
                continue;
            if (!rule.Action.Decides)
            {
                triggered.Add(rule);
                continue;
            }
            var decision = DecisionOf(rule.Action);
            if (automatic == SessionDecision.Declined && decision != SessionDecision.Declined && !rule.AllowOverrideDecline)
                continue;
            triggered.Add(rule);
            return new RuleOutcome(decision, rule, triggered, new RuleLog(evaluated, rule.Id, automatic));
        }
        return new RuleOutcome(automatic, null, triggered, new RuleLog(evaluated, null, automatic));
    }

    public static SessionDecision DecisionOf(RuleAction action) => action.Type switch
    {
        RuleAction.Approve => SessionDecision.Approved,
        RuleAction.Decline => SessionDecision.Declined,
        RuleAction.Review => SessionDecision.Review,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action.Type, "A webhook action does not decide."),
    };

    /// <summary>
    /// Whether <paramref name="condition"/> holds. A field without a value matches only <c>is_null</c>; a value of another
    /// type than the condition's (a metadata string against a number) matches nothing, <c>neq</c> and <c>not_in</c> included.
    /// </summary>
    public static bool Holds(RuleCondition condition, RuleFacts facts)
    {
        var fact = facts.Get(condition.Field);
        if (condition.Operator == RuleOperators.IsNull)
            return fact is null;
        if (condition.Operator == RuleOperators.IsNotNull)
            return fact is not null;
        if (fact is null || condition.Value is not { } value)
            return false;
        switch (condition.Operator)
        {
            case RuleOperators.Eq:
                return Compare(fact, value) == 0;
            case RuleOperators.Neq:
                return Compare(fact, value) is { } c && c != 0;
            case RuleOperators.Gt:
                return fact is decimal && Compare(fact, value) > 0;
            case RuleOperators.Gte:
                return fact is decimal && Compare(fact, value) >= 0;
            case RuleOperators.Lt:
                return fact is decimal && Compare(fact, value) < 0;
            case RuleOperators.Lte:
                return fact is decimal && Compare(fact, value) <= 0;
            case RuleOperators.In:
            case RuleOperators.NotIn:
                if (value.ValueKind != JsonValueKind.Array)
                    return false;
                var comparisons = value.EnumerateArray().Select(item => Compare(fact, item)).ToList();
                if (comparisons.All(c => c is null))
                    return false;
                var found = comparisons.Any(c => c == 0);
                return condition.Operator == RuleOperators.In ? found : !found;
            case RuleOperators.Contains:
                if (value.ValueKind != JsonValueKind.String)
                    return false;
                var wanted = value.GetString()!;
                return fact switch
                {
                    IReadOnlyList<string> list => list.Contains(wanted, StringComparer.Ordinal),
                    string text => text.Contains(wanted, StringComparison.Ordinal),
                    _ => false,
                };
            default:
                return false;
        }
    }

    /// <summary>The order of <paramref name="fact"/> against <paramref name="value"/>, or null when their types differ.</summary>
    private static int? Compare(object fact, JsonElement value) => fact switch
    {
        decimal number when value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var other) => number.CompareTo(other),
        string text when value.ValueKind == JsonValueKind.String => string.CompareOrdinal(text, value.GetString()) switch
        {
            0 => 0,
            < 0 => -1,
            _ => 1,
        },
        bool flag when value.ValueKind is JsonValueKind.True or JsonValueKind.False => flag == value.GetBoolean() ? 0 : 1,
        _ => null,
    };
}
