using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Auth;

namespace Verilock.Server.Rules;

/// <summary><c>GET /api/v1/orchestration/rules/{id}</c>.</summary>
public static class GetRule
{
    public static async Task<IResult> Handle(string id, HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var rule = await OwnedRules.FindAsync(db, context.Caller(), id, cancellationToken);
        return rule is null ? OwnedRules.NotFound() : Results.Json(RuleResponse.From(rule), ApiJson.Options);
    }
}
