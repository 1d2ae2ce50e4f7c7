using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Webhooks;

/// <summary><c>GET /api/v1/webhooks/endpoints</c>: the caller's endpoints (spec §6 list).</summary>
public static class ListEndpoints
{
    public static async Task<IResult> Handle(HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = Pagination.Read(context.Request.Query, errors);
        if (page is null)
            return errors.ToResult();
        var caller = context.Caller();
        var query = db.WebhookEndpoints.AsNoTracking().Where(e => e.AccountId == caller.AccountId && e.LiveMode == caller.LiveMode);
        if (page.CreatedFrom is { } from)
            query = query.Where(e => e.CreatedAt >= from);
        if (page.CreatedBefore is { } before)
            query = query.Where(e => e.CreatedAt < before);
        var total = await query.LongCountAsync(cancellationToken);
        var items = page.Offset >= total
            ? []
            : await query.OrderByDescending(e => e.CreatedAt).ThenByDescending(e => e.Id)
                .Skip((int)page.Offset).Take(page.PerPage).ToListAsync(cancellationToken);
        return Results.Json(new ListResponse<EndpointResponse>(items.Select(EndpointResponse.From).ToList(), page.Meta(total)), ApiJson.Options);
    }
}
