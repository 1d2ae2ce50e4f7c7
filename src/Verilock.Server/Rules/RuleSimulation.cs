using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Rules;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Auth;

namespace Verilock.Server.Rules;

/// <summary>
/// Replays a draft rule, with the scope's enabled rules, over stored decided sessions (spec §18) and counts what it
/// would change; nothing is written. Each session starts from the automatic decision its checks gave (kept in its
/// rule log, else its decision) and its stored results; <c>person.age</c> is counted at its decision. Sessions decided
/// by a person, redacted sessions and sessions still being checked are left out: a person's decision is not the rules'
/// to change, and a redacted session has nothing left to test.
/// </summary>
public static class RuleSimulation
{
    public const int MaxSessions = 10_000;
    public const int DefaultSessions = 1_000;
    public const int MaxChanges = 100;

    public static async Task<RuleSimulationResult> RunAsync(
        VerilockDbContext db, AccountScope scope, RuleDefinition draft, DateTime? createdFrom, DateTime? createdBefore, int limit,
        DateTime now, CancellationToken cancellationToken)
    {
        var rules = (await OwnedRules.EnabledAsync(db, scope, cancellationToken)).ToList();
        var draftRule = Rule.Draft(scope.AccountId, scope.LiveMode, draft, now);
        rules.Add(draftRule);

        var query = db.Sessions.AsNoTracking().Where(s => s.AccountId == scope.AccountId && s.LiveMode == scope.LiveMode &&
            s.Decision != null && s.RedactedAt == null &&
            (s.DecidedBy == null || s.DecidedBy == "system" || s.DecidedBy.StartsWith(Rule.DecidedByPrefix)));
        if (createdFrom is { } from)
            query = query.Where(s => s.CreatedAt >= from);
        if (createdBefore is { } before)
            query = query.Where(s => s.CreatedAt < before);
        var sessions = await query.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id).Take(limit).ToListAsync(cancellationToken);

        var matched = 0;
        var changed = 0;
        var changes = new List<RuleSimulationChange>();
        foreach (var session in sessions)
        {
            var automatic = session.RuleLog?.Automatic ?? session.Decision!.Value;
            var facts = RuleFacts.For(session, session.Results, session.RiskScore, session.RiskLevel,
                session.DecidedAt ?? session.SubmittedAt ?? session.CreatedAt);
            var outcome = RuleEngine.Evaluate(rules, facts, automatic);
            if (outcome.Log.Evaluated.Any(e => e.Matched && e.RuleId == draftRule.Id))
                matched++;
            if (outcome.Decision == session.Decision)
                continue;
            changed++;
            if (changes.Count < MaxChanges)
                changes.Add(new RuleSimulationChange(session.Id, session.Decision!.Value.ToWire(), outcome.Decision.ToWire()));
        }
        return new RuleSimulationResult(sessions.Count, matched, changed, changes);
    }
}

/// <summary>The answer of <c>POST /orchestration/rules/simulate</c>; <c>changes</c> holds the first 100.</summary>
public sealed record RuleSimulationResult(int SessionsEvaluated, int Matched, int DecisionsChanged, IReadOnlyList<RuleSimulationChange> Changes);

/// <summary>A session whose decision the draft would change: the stored decision and the replayed one.</summary>
public sealed record RuleSimulationChange(string SessionId, string From, string To);
