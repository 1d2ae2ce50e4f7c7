using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Rules;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Rules;

/// <summary>
/// The rule lookups and writes the API, the dashboard and the check workers share, scoped to an account and mode:
/// another account's or mode's id is simply not found (spec §2.1, §18).
/// </summary>
public static class OwnedRules
{
    public static Task<Rule?> FindAsync(VerilockDbContext db, AccountScope scope, string id, CancellationToken cancellationToken) =>
        db.Rules.FirstOrDefaultAsync(r => r.Id == id && r.AccountId == scope.AccountId && r.LiveMode == scope.LiveMode, cancellationToken);

    /// <summary>The scope's rules, untracked, in the order they run: priority, then creation, then id.</summary>
    public static IQueryable<Rule> Of(VerilockDbContext db, AccountScope scope) =>
        db.Rules.AsNoTracking().Where(r => r.AccountId == scope.AccountId && r.LiveMode == scope.LiveMode)
            .OrderBy(r => r.Priority).ThenBy(r => r.CreatedAt).ThenBy(r => r.Id);

    /// <summary>The enabled rules a session of the scope runs through, in order.</summary>
    public static async Task<IReadOnlyList<Rule>> EnabledAsync(VerilockDbContext db, AccountScope scope, CancellationToken cancellationToken) =>
        await Of(db, scope).Where(r => r.Enabled).ToListAsync(cancellationToken);

    /// <summary>Adds the rule to the context; the caller's save writes it (with an audit row, on the dashboard).</summary>
    public static Rule Add(VerilockDbContext db, AccountScope scope, RuleDefinition definition, DateTime now) =>
        db.Rules.Add(Rule.Create(scope.AccountId, scope.LiveMode, definition, now)).Entity;

    public static IResult NotFound() => ApiError.NotFound("No such rule.");
}
