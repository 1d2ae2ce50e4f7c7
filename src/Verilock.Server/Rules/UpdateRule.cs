using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Rules;

/// <summary>
/// <c>PATCH /api/v1/orchestration/rules/{id}</c>: any of the create fields; those absent keep their value, and
/// <c>conditions</c> or <c>action</c>, when given, replace the old ones whole. Sessions already decided keep their log.
/// </summary>
public static class UpdateRule
{
    public static async Task<IResult> Handle(string id, HttpContext context, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var rule = await OwnedRules.FindAsync(db, context.Caller(), id, cancellationToken);
        if (rule is null)
            return OwnedRules.NotFound();
        var errors = new ValidationErrors();
        var definition = RuleRequest.Read(new JsonFields(body.Root, errors), rule.Definition);
        if (definition is null)
            return errors.ToResult();

        rule.Change(definition, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return Results.Json(RuleResponse.From(rule), ApiJson.Options);
    }
}
