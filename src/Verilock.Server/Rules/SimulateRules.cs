using System.Globalization;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Rules;

/// <summary>
/// <c>POST /api/v1/orchestration/rules/simulate</c> (spec §18): <c>rule</c> (validated as a create), optional
/// <c>from</c>/<c>to</c> (<c>YYYY-MM-DD</c>, whole UTC days of <c>created_at</c>, as lists filter) and <c>limit</c>
/// (1–10,000 newest sessions, default 1,000). See <see cref="RuleSimulation"/>.
/// </summary>
public static class SimulateRules
{
    public static async Task<IResult> Handle(HttpContext context, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var errors = new ValidationErrors();
        var fields = new JsonFields(body.Root, errors);
        var ruleFields = fields.Object("rule");
        if (ruleFields is null && !errors.Has("rule"))
            errors.Add("rule", "The rule field is required.");
        var draft = ruleFields is null ? null : RuleRequest.Read(ruleFields);
        var from = ReadDate(fields, "from");
        var to = ReadDate(fields, "to");
        if (from is not null && to is not null && from > to)
            errors.Add("from", "The from must be a date before or equal to to.");
        var limit = fields.Integer("limit", 1, RuleSimulation.MaxSessions) ?? RuleSimulation.DefaultSessions;
        if (errors.Any || draft is null)
            return errors.ToResult();

        var result = await RuleSimulation.RunAsync(db, context.Caller(), draft,
            from?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), to?.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            (int)limit, time.GetUtcNow().UtcDateTime, cancellationToken);
        return Results.Json(result, ApiJson.Options);
    }

    private static DateOnly? ReadDate(JsonFields fields, string name)
    {
        var text = fields.String(name, 10);
        if (text is null)
            return null;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return date;
        fields.Errors.Add(name, $"The {name} must be a date in the format YYYY-MM-DD.");
        return null;
    }
}
