using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Verilock.Server.Api;
using Verilock.Server.Verify;

namespace Verilock.Server.Limits;

/// <summary>
/// At most <c>UnknownFlowTokensPerMinute</c> unknown or malformed hosted-flow tokens per client address (fixed
/// one-minute windows); the next one is answered 429 + <c>Retry-After</c> instead of "not found", so guessing
/// tokens stops getting answers. The per-token limit of spec §13 cannot catch this: every guess is a new token.
/// </summary>
/// <remarks>
/// Only misses count, and they are counted after the lookup, not before it. Refusing a limited address before
/// the lookup would also refuse the real applicants behind it (a mobile carrier's or an office's shared address)
/// for the rest of the window, because a valid token cannot be told from a guess without looking it up; counted
/// after, a valid link keeps working from any address. What a guess still costs is one point read on the token's
/// unique index (a malformed token is refused with no query at all), which the API's admission control bounds.
/// </remarks>
public sealed class FlowTokenMisses(IOptions<AbuseLimitOptions> options) : IDisposable
{
    private readonly int _limit = options.Value.UnknownFlowTokensPerMinute;

    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address =>
        RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = options.Value.UnknownFlowTokensPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    /// <summary>
    /// Endpoint filters for the flow's token API and its page: a 404 (the handlers' answer to an unknown token) is
    /// counted against the client's address and, over the limit, becomes a 429 — the API's error body for the token
    /// API, the flow's HTML page for the page.
    /// </summary>
    public static ValueTask<object?> ApiFilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        FilterAsync(invocation, next, retryAfter => ApiError.Result(StatusCodes.Status429TooManyRequests, "rate_limit_exceeded",
            "Too many requests. Retry after the number of seconds in Retry-After.", new { retry_after = retryAfter }));

    public static ValueTask<object?> PageFilterAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next) =>
        FilterAsync(invocation, next, _ => HostedPage.TooManyAttempts(invocation.HttpContext));

    private static async ValueTask<object?> FilterAsync(
        EndpointFilterInvocationContext invocation, EndpointFilterDelegate next, Func<int, IResult> refusal)
    {
        var result = await next(invocation);
        if (result is not IStatusCodeHttpResult { StatusCode: StatusCodes.Status404NotFound })
            return result;
        var context = invocation.HttpContext;
        if (context.RequestServices.GetRequiredService<FlowTokenMisses>().TryCount(ClientAddress.For(context)) is not { } retryAfter)
            return result;
        context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return refusal(retryAfter);
    }

    /// <summary>Counts one miss; null while within the limit, else the seconds until the window ends.</summary>
    public int? TryCount(string address)
    {
        if (_limit <= 0)
            return null;
        using var lease = _limiter.AttemptAcquire(address);
        if (lease.IsAcquired)
            return null;
        return lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
    }

    public void Dispose() => _limiter.Dispose();
}
