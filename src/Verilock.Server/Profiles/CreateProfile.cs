using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Profiles;

/// <summary><c>POST /api/v1/profiles</c> (spec §17): a profile of the caller's account and mode.</summary>
public static class CreateProfile
{
    public static async Task<IResult> Handle(HttpContext context, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var errors = new ValidationErrors();
        var request = ProfileRequest.Read(new JsonFields(body.Root, errors));
        if (request is null)
            return errors.ToResult();

        var profile = await OwnedProfiles.CreateAsync(db, context.Caller(), request, time.UtcMicroseconds(), cancellationToken);
        context.Response.Headers.Location = $"/api/v1/profiles/{profile.Id:D}";
        return Results.Json(ProfileResponse.From(profile), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
