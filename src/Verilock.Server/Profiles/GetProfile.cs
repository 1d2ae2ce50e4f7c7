using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Auth;

namespace Verilock.Server.Profiles;

/// <summary><c>GET /api/v1/profiles/{id}</c>.</summary>
public static class GetProfile
{
    public static async Task<IResult> Handle(string id, HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var profile = await OwnedProfiles.FindAsync(db, context.Caller(), id, cancellationToken);
        return profile is null ? OwnedProfiles.NotFound() : Results.Json(ProfileResponse.From(profile), ApiJson.Options);
    }
}
