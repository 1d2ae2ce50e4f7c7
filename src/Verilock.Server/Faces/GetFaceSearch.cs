using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Faces;

/// <summary><c>GET /api/v1/face-search/{id}</c> (spec §20): a search of the caller's account and mode, else 404.</summary>
public static class GetFaceSearch
{
    public static async Task<IResult> Handle(string id, HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var search = id.Length > 40
            ? null
            : await db.FaceSearches.AsNoTracking()
                .FirstOrDefaultAsync(s => s.Id == id && s.AccountId == caller.AccountId && s.LiveMode == caller.LiveMode, cancellationToken);
        return search is null ? ApiError.NotFound("No such face search.") : Results.Json(FaceSearchResponse.From(search), ApiJson.Options);
    }
}
