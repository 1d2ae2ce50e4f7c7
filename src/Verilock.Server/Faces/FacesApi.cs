using Verilock.Server.Api;

namespace Verilock.Server.Faces;

/// <summary>Maps the face products under <c>/api/v1</c> (spec §20).</summary>
public static class FacesApi
{
    public static RouteGroupBuilder MapFaces(this RouteGroupBuilder api)
    {
        var biometric = api.MapGroup("/auth/biometric").WithTags("Biometrics");
        biometric.MapPost("", CreateBiometricCheck.Handle)
            .WithName("CreateBiometricCheck")
            .WithSummary("Re-authenticate a returning person by face against an approved session")
            .DocumentMultipartBody<BiometricRequestDoc>()
            .Produces<CreateBiometricCheck.Response>(StatusCodes.Status202Accepted)
            .DocumentErrors(StatusCodes.Status422UnprocessableEntity);
        biometric.MapGet("/{id}", GetBiometricCheck.Handle)
            .WithName("GetBiometricCheck")
            .WithSummary("A biometric check's result")
            .Produces<BiometricResponse>();
        var search = api.MapGroup("/face-search").WithTags("Biometrics");
        search.MapPost("", CreateFaceSearch.Handle)
            .WithName("CreateFaceSearch")
            .WithSummary("Search a session's face among the account's other faces (one person behind many accounts)")
            .DocumentJsonBody<FaceSearchRequestDoc>()
            .Produces<FaceSearchResponse>(StatusCodes.Status201Created)
            .DocumentErrors(StatusCodes.Status422UnprocessableEntity);
        search.MapGet("/{id}", GetFaceSearch.Handle)
            .WithName("GetFaceSearch")
            .WithSummary("A face search's result")
            .Produces<FaceSearchResponse>();
        return api;
    }

    public sealed record FaceSearchRequestDoc(string SessionId, double? Threshold);

    /// <summary>The multipart form of <c>POST /auth/biometric</c> for the OpenAPI document.</summary>
    public sealed record BiometricRequestDoc(string SessionId, IFormFile File, double? Threshold, string? DeviceInfo);
}
