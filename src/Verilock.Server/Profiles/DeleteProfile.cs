using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Auth;

namespace Verilock.Server.Profiles;

/// <summary>
/// <c>DELETE /api/v1/profiles/{id}</c> → 204. New sessions naming it are refused (422); sessions created with it keep
/// their copy of its settings.
/// </summary>
public static class DeleteProfile
{
    public static async Task<IResult> Handle(string id, HttpContext context, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var profile = await OwnedProfiles.FindAsync(db, context.Caller(), id, cancellationToken);
        if (profile is null)
            return OwnedProfiles.NotFound();
        await OwnedProfiles.DeleteAsync(db, profile, time.UtcMicroseconds(), cancellationToken);
        return Results.NoContent();
    }
}
