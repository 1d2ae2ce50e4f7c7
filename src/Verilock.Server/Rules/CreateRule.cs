using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Rules;

/// <summary><c>POST /api/v1/orchestration/rules</c> (spec §18): a rule of the caller's account and mode.</summary>
public static class CreateRule
{
    public static async Task<IResult> Handle(HttpContext context, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var errors = new ValidationErrors();
        var definition = RuleRequest.Read(new JsonFields(body.Root, errors));
        if (definition is null)
            return errors.ToResult();

        var rule = OwnedRules.Add(db, context.Caller(), definition, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        context.Response.Headers.Location = $"/api/v1/orchestration/rules/{rule.Id}";
        return Results.Json(RuleResponse.From(rule), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
