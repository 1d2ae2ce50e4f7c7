using Microsoft.EntityFrameworkCore;
using Verilock.Domain.Aml;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Aml;

/// <summary><c>GET /api/v1/aml/screen/{id}</c> (spec §11.2), monitoring runs included.</summary>
public static class GetScreening
{
    public static async Task<IResult> Handle(string id, HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var screening = await FindOwnedAsync(db.AmlScreenings.AsNoTracking(), context.Caller(), id, cancellationToken);
        return screening is null
            ? ApiError.NotFound("No such screening.")
            : Results.Json(ScreeningResponse.From(screening, await MonitoringFields.LastRunAsync(db, screening, cancellationToken)), ApiJson.Options);
    }

    /// <summary>A screening of the caller's account and mode; anything else is simply not found (spec §2.1).</summary>
    public static Task<AmlScreening?> FindOwnedAsync(
        IQueryable<AmlScreening> screenings, AccountScope scope, string id, CancellationToken cancellationToken) =>
        id.Length > 40
            ? Task.FromResult<AmlScreening?>(null)
            : screenings.FirstOrDefaultAsync(s => s.Id == id && s.AccountId == scope.AccountId && s.LiveMode == scope.LiveMode, cancellationToken);
}
