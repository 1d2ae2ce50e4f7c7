using Verilock.Server.Api;

namespace Verilock.Server.Profiles;

/// <summary>Maps the verification profile endpoints under <c>/api/v1/profiles</c> (spec §17).</summary>
public static class ProfilesApi
{
    public static RouteGroupBuilder MapProfiles(this RouteGroupBuilder api)
    {
        var profiles = api.MapGroup("/profiles").WithTags("Profiles");
        profiles.MapPost("", CreateProfile.Handle)
            .WithName("CreateProfile")
            .WithSummary("Create a verification profile")
            .DocumentJsonBody<ProfileRequestDoc>()
            .Produces<ProfileResponse>(StatusCodes.Status201Created);
        profiles.MapGet("", ListProfiles.Handle)
            .WithName("ListProfiles")
            .WithSummary("List verification profiles")
            .DocumentListQuery()
            .Produces<ListResponse<ProfileResponse>>();
        profiles.MapGet("/{id}", GetProfile.Handle)
            .WithName("GetProfile")
            .WithSummary("A verification profile")
            .Produces<ProfileResponse>();
        profiles.MapPatch("/{id}", UpdateProfile.Handle)
            .WithName("UpdateProfile")
            .WithSummary("Change a verification profile (sessions already created keep their copy)")
            .DocumentJsonBody<ProfileUpdateDoc>()
            .Produces<ProfileResponse>();
        profiles.MapDelete("/{id}", DeleteProfile.Handle)
            .WithName("DeleteProfile")
            .WithSummary("Delete a verification profile (new sessions naming it are refused)")
            .Produces(StatusCodes.Status204NoContent);
        return api;
    }

    /// <summary>Request shapes for the OpenAPI document; bodies are read field by field for exact 422s.</summary>
    public sealed record ProfileRequestDoc(
        string Name, string[] Steps, string? LivenessMode, int? LivenessThreshold, string[]? LivenessChallenges,
        string[]? DocumentTypes, decimal? AmlThreshold, bool? FaceDuplicateCheck);

    public sealed record ProfileUpdateDoc(
        string? Name, string[]? Steps, string? LivenessMode, int? LivenessThreshold, string[]? LivenessChallenges,
        string[]? DocumentTypes, decimal? AmlThreshold, bool? FaceDuplicateCheck);
}
