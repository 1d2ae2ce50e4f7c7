using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Faces;

/// <summary><c>GET /api/v1/auth/biometric/{id}</c> (spec §20): a check of the caller's account and mode, else 404.</summary>
public static class GetBiometricCheck
{
    public static async Task<IResult> Handle(string id, HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var caller = context.Caller();
        var check = id.Length > 40
            ? null
            : await db.BiometricChecks.AsNoTracking()
                .FirstOrDefaultAsync(c => c.Id == id && c.AccountId == caller.AccountId && c.LiveMode == caller.LiveMode, cancellationToken);
        return check is null ? ApiError.NotFound("No such biometric check.") : Results.Json(BiometricResponse.From(check), ApiJson.Options);
    }
}
