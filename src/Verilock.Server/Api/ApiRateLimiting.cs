using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Verilock.Server.Auth;

namespace Verilock.Server.Api;

/// <summary>
/// Per-key fixed 60-second windows (spec §4) on ASP.NET Core's rate limiter. Unauthenticated requests are
/// not counted. The limiter instance is kept here so the remaining permits can be reported on every response.
/// </summary>
public sealed class ApiRateLimiting
{
    private readonly int _defaultLimit;

    public ApiRateLimiting(IOptions<RateLimitOptions> options)
    {
        _defaultLimit = options.Value.PermitPerMinute;
        Limiter = PartitionedRateLimiter.Create<HttpContext, (Guid, int)>(context =>
        {
            var limit = LimitFor(context);
            return limit <= 0
                ? RateLimitPartition.GetNoLimiter((Guid.Empty, 0))
                : RateLimitPartition.GetFixedWindowLimiter((context.Caller().KeyId, limit), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
        });
    }

    public PartitionedRateLimiter<HttpContext> Limiter { get; }

    /// <summary>The caller's per-minute limit; 0 when the request is not limited.</summary>
    private int LimitFor(HttpContext context)
    {
        var caller = context.Features.Get<ApiCaller>();
        if (caller is null || _defaultLimit <= 0 || !context.Request.Path.StartsWithSegments("/api"))
            return 0;
        return caller.RateLimitPerMinute ?? _defaultLimit;
    }

    public void Configure(RateLimiterOptions options)
    {
        options.GlobalLimiter = Limiter;
        options.OnRejected = async (rejected, cancellationToken) =>
        {
            var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
                ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
                : 60;
            var response = rejected.HttpContext.Response;
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            // The hosted flow's per-token limit (spec §13) has no key and no X-RateLimit-* headers.
            if (LimitFor(rejected.HttpContext) is > 0 and var limit)
            {
                response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
                response.Headers["X-RateLimit-Remaining"] = "0";
            }
            await ApiError.Result(StatusCodes.Status429TooManyRequests, "rate_limit_exceeded",
                    "Too many requests. Retry after the number of seconds in Retry-After.", new { retry_after = retryAfter })
                .ExecuteAsync(rejected.HttpContext);
        };
    }

    /// <summary>Middleware placed after the limiter: an admitted request learns its limit and what remains of it.</summary>
    public async Task AddHeadersAsync(HttpContext context, RequestDelegate next)
    {
        var limit = LimitFor(context);
        if (limit > 0)
        {
            var remaining = Limiter.GetStatistics(context)?.CurrentAvailablePermits ?? 0;
            context.Response.Headers["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
            context.Response.Headers["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        }
        await next(context);
    }
}
