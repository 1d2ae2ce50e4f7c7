using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Verilock.Server.Limits;

/// <summary>
/// The rate-limit policy of the dashboard's sign-in form: at most <c>SignInAttemptsPerMinute</c> posts per client
/// address (fixed one-minute windows), so one address cannot try passwords against many operators; an operator's
/// own lockout (<c>Operator</c>) covers many addresses trying one account. Showing the form is not counted.
/// Over the limit the form is answered 429 + <c>Retry-After</c> with no body, which the dashboard's status pages
/// turn into its HTML page for 429 ("Too many attempts").
/// </summary>
public sealed class SignInAttempts(IOptions<AbuseLimitOptions> options) : IRateLimiterPolicy<string>
{
    public const string PolicyName = "dashboard-sign-in";

    private readonly int _limit = options.Value.SignInAttemptsPerMinute;

    public RateLimitPartition<string> GetPartition(HttpContext httpContext)
    {
        if (_limit <= 0 || !HttpMethods.IsPost(httpContext.Request.Method))
            return RateLimitPartition.GetNoLimiter("");
        return RateLimitPartition.GetFixedWindowLimiter(ClientAddress.For(httpContext), _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = _limit,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected { get; } = (rejected, _) =>
    {
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds))
            : 60;
        rejected.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        rejected.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        return ValueTask.CompletedTask;
    };
}
