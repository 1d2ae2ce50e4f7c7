using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Profiles;

/// <summary><c>GET /api/v1/profiles</c>: the caller's profiles, deleted ones left out (spec §6 list).</summary>
public static class ListProfiles
{
    public static async Task<IResult> Handle(HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var page = Pagination.Read(context.Request.Query, errors);
        if (page is null)
            return errors.ToResult();
        var query = OwnedProfiles.Of(db, context.Caller());
        if (page.CreatedFrom is { } from)
            query = query.Where(p => p.CreatedAt >= from);
        if (page.CreatedBefore is { } before)
            query = query.Where(p => p.CreatedAt < before);
        var total = await query.LongCountAsync(cancellationToken);
        var items = page.Offset >= total
            ? []
            : await query.OrderByDescending(p => p.CreatedAt).ThenByDescending(p => p.Id)
                .Skip((int)page.Offset).Take(page.PerPage).ToListAsync(cancellationToken);
        return Results.Json(new ListResponse<ProfileResponse>(items.Select(ProfileResponse.From).ToList(), page.Meta(total)), ApiJson.Options);
    }
}
