using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
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
        var flow = app.MapGroup("/verify/{token}/api").RequireRateLimiting(RateLimitPolicy)
            .AddEndpointFilter(FlowTokenMisses.ApiFilterAsync).ExcludeFromDescription();
        flow.MapGet("/session", GetFlowSession.Handle);
        flow.MapPost("/consent", GiveConsent.Handle);
        flow.MapPost("/documents", UploadFlowDocument.Handle);
        flow.MapPost("/selfie", UploadFlowSelfie.Handle);
        flow.MapPost("/liveness", UploadLivenessFrames.Handle);
        flow.MapPost("/submit", SubmitFlowSession.Handle);
    }
}
