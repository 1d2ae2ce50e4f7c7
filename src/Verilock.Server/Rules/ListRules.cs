using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Rules;

/// <summary>
/// <c>GET /api/v1/orchestration/rules</c>: the caller's rules in the order they run — <c>priority</c> ascending, then
/// creation — with the paging of spec §6 (<c>from</c>/<c>to</c> filter on <c>created_at</c>).
/// </summary>
public static class ListRules
{
    public static async Task<IResult> Handle(HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = Pagination.Read(context.Request.Query, errors);
        if (page is null)
            return errors.ToResult();
        var query = OwnedRules.Of(db, context.Caller());
        if (page.CreatedFrom is { } from)
            query = query.Where(r => r.CreatedAt >= from);
        if (page.CreatedBefore is { } before)
            query = query.Where(r => r.CreatedAt < before);
        var total = await query.LongCountAsync(cancellationToken);
        var items = page.Offset >= total
            ? []
            : await query.Skip((int)page.Offset).Take(page.PerPage).ToListAsync(cancellationToken);
        return Results.Json(new ListResponse<RuleResponse>(items.Select(RuleResponse.From).ToList(), page.Meta(total)), ApiJson.Options);
    }
}
