using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Verilock.Server.Api;
using Verilock.Server.Limits;

namespace Verilock.Server.Verify;

/// <summary>
/// The hosted flow's token-scoped API under <c>/verify/{token}/api</c> (spec §13): no API key, the token
/// authorises its one session, 60 requests a minute per token, and unknown tokens are limited per client address
/// (<see cref="FlowTokenMisses"/>); and the flow's page and assets.
/// </summary>
public static class VerifyApi
{
    public const string RateLimitPolicy = "verify-token";
    public const int RequestsPerMinute = 60;

    public static void AddFlowRateLimit(RateLimiterOptions options) =>
        options.AddPolicy(RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Request.RouteValues["token"] as string ?? "",
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = RequestsPerMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            }));

    public static void MapVerify(this IEndpointRouteBuilder app)
    {
        app.MapGet(FlowAssets.Prefix + "{**path}", FlowAssets.Serve).ExcludeFromDescription();
        app.MapGet("/verify/{token}", HostedPage.Handle).RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter(FlowTokenMisses.PageFilterAsync).ExcludeFromDescription();
        // In the OpenAPI document beside the API (FlowOpenApi): the applicant's page is a client of it like any other.
        var flow = app.MapGroup("/verify/{token}/api").RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter(FlowTokenMisses.ApiFilterAsync).WithTags(FlowOpenApi.Tag);
        flow.MapGet("/session", GetFlowSession.Handle)
            .WithName("GetFlowSession")
            .WithSummary("What the hosted flow needs to guide the applicant (no personal data)")
            .Produces<GetFlowSession.Response>();
        flow.MapPost("/consent", GiveConsent.Handle)
            .WithName("GiveFlowConsent")
            .WithSummary("Record the applicant's consent; uploads and submit need it")
            .DocumentJsonBody<FlowOpenApi.ConsentRequestDoc>()
            .Produces(StatusCodes.Status204NoContent);
        flow.MapPost("/documents", UploadFlowDocument.Handle)
            .WithName("UploadFlowDocument")
            .WithSummary("Upload a document side or both, with immediate feedback on the photo")
            .DocumentMultipartBody<Sessions.SessionsApi.DocumentUploadDoc>()
            .ProducesWithFeedback<Documents.DocumentResponse>("FlowDocumentResponse");
        flow.MapPost("/selfie", UploadFlowSelfie.Handle)
            .WithName("UploadFlowSelfie")
            .WithSummary("Upload the selfie, with immediate feedback on the face")
            .DocumentMultipartBody<Sessions.SessionsApi.SelfieUploadDoc>()
            .ProducesWithFeedback<Documents.SelfieResponse>("FlowSelfieResponse");
        flow.MapPost("/liveness", UploadLivenessFrames.Handle)
            .WithName("UploadFlowLivenessFrames")
            .WithSummary("Upload the active-liveness burst of 8–12 frames")
            .DocumentMultipartBody<FlowOpenApi.LivenessUploadDoc>()
            .Produces<UploadLivenessFrames.Response>();
        flow.MapPost("/submit", SubmitFlowSession.Handle)
            .WithName("SubmitFlowSession")
            .WithSummary("Submit the session for checks; redirect_to is where the page sends the applicant")
            .Produces<SubmitFlowSession.Response>(StatusCodes.Status202Accepted)
            .DocumentErrors(StatusCodes.Status422UnprocessableEntity);
    }
}
