using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Profiles;

/// <summary>
/// <c>PATCH /api/v1/profiles/{id}</c>: any of the create fields; those absent keep their value. Sessions created
/// before keep the settings they were created with.
/// </summary>
public static class UpdateProfile
{
    public static async Task<IResult> Handle(string id, HttpContext context, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var profile = await OwnedProfiles.FindAsync(db, context.Caller(), id, cancellationToken);
        if (profile is null)
            return OwnedProfiles.NotFound();
        var errors = new ValidationErrors();
        var request = ProfileRequest.Read(new JsonFields(body.Root, errors), profile);
        if (request is null)
            return errors.ToResult();

        await OwnedProfiles.UpdateAsync(db, profile, request, time.UtcMicroseconds(), cancellationToken);
        return Results.Json(ProfileResponse.From(profile), ApiJson.Options);
    }
}
