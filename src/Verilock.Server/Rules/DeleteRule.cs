using Verilock.Infrastructure.Persistence;
using Verilock.Server.Auth;

namespace Verilock.Server.Rules;

/// <summary>
/// <c>DELETE /api/v1/orchestration/rules/{id}</c> → 204. The rule stops running at once; sessions it decided keep
/// <c>decided_by</c> and their <c>results.rules</c>.
/// </summary>
public static class DeleteRule
{
    public static async Task<IResult> Handle(string id, HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var rule = await OwnedRules.FindAsync(db, context.Caller(), id, cancellationToken);
        if (rule is null)
            return OwnedRules.NotFound();
        db.Rules.Remove(rule);
        await db.SaveChangesAsync(cancellationToken);
        return Results.NoContent();
    }
}
