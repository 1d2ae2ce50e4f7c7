using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Verilock.Server.Limits;

/// <summary>
/// Bounds the hosted flow's uploads that run OCR or face detection inside the request (<c>UploadFeedback</c>): at most
/// <c>AnalysisConcurrency</c> at once (one per processor by default: each analysis keeps a core busy for a second or
/// more), a few more waiting oldest-first, and beyond that 503 + <c>Retry-After</c> at once. A short queue lets two
/// applicants who upload at the same moment both be served, a second later; a long one would only hold requests (and
/// their 10 MiB bodies) in memory while the server is already saturated. The slot is taken before the upload is read
/// or stored, so a refused upload changed nothing and may simply be sent again. The background check workers have
/// their own fixed number of threads and are not counted here.
/// </summary>
public sealed class InRequestAnalysis(IOptions<AbuseLimitOptions> options) : IDisposable
{
    /// <summary>What a refused upload is told to wait: about one analysis.</summary>
    public const int RetryAfterSeconds = 2;

    private readonly int _concurrency = options.Value.EffectiveAnalysisConcurrency;

    private readonly ConcurrencyLimiter _limiter = new(new ConcurrencyLimiterOptions
    {
        PermitLimit = options.Value.EffectiveAnalysisConcurrency,
        QueueLimit = options.Value.EffectiveAnalysisQueueLimit,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
    });

    /// <summary>Uploads holding a slot now.</summary>
    public long Running => _limiter.GetStatistics() is { } statistics ? _concurrency - statistics.CurrentAvailablePermits : 0;

    /// <summary>A slot (dispose it when the analysis is done), or a lease that is not acquired when the server is saturated.</summary>
    public ValueTask<RateLimitLease> EnterAsync(CancellationToken cancellationToken) => _limiter.AcquireAsync(1, cancellationToken);

    public void Dispose() => _limiter.Dispose();
}
