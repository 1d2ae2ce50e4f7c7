using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Verilock.Server.Api;

/// <summary>
/// Admission control in front of the API: at most <c>MaxConcurrentRequests</c> API requests run at once and
/// the rest wait in order. Without it a burst opens more database work than the connection pool holds and the
/// excess fails after the pool's timeout; queued, the same burst is served, only later. A full queue answers
/// 503 + <c>Retry-After</c> at once rather than holding more connections. Built on ASP.NET Core's limiter.
/// </summary>
public sealed class RequestAdmission(IOptions<AdmissionOptions> options) : IDisposable
{
    private readonly int _maxConcurrent = options.Value.MaxConcurrentRequests;
    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.MaxConcurrentRequests,
        QueueLimit = options.Value.QueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Requests running now (not those waiting); what an operator watches next to the queue.</summary>
    public long Running => _limiter.GetStatistics() is { } statistics
        ? _maxConcurrent - statistics.CurrentAvailablePermits
        : 0;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }
        using var lease = await _limiter.AcquireAsync(1, context.RequestAborted);
        if (!lease.IsAcquired)
        {
            await ApiError.Unavailable().ExecuteAsync(context);
            return;
        }
        await next(context);
    }

    public void Dispose() => _limiter.Dispose();
}
