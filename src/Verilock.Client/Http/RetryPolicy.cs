using System.Net;
using System.Security.Cryptography;

namespace Verilock.Client.Http;

/// <summary>
/// When to try a request again and how long to wait first. Only 429 and 503 are retried on status: both mean the
/// server did not act on the request (spec §3, "only 429 and 5xx are worth retrying"; a 500 may have half-acted and is
/// left to the caller). Connection failures and timeouts are retried only for requests that are safe to repeat.
/// </summary>
internal sealed class RetryPolicy(int maxRetries, TimeSpan initialDelay, TimeSpan maxDelay, TimeSpan maxRetryAfter, TimeProvider time)
{
    public int MaxRetries { get; } = maxRetries;

    public static bool IsRetryableStatus(HttpStatusCode status) =>
        status is HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable;

    /// <summary>
    /// GET, HEAD, PUT, DELETE by HTTP's own rules, and POST because the client always sends an <c>Idempotency-Key</c>:
    /// a repeat after a lost response is answered from the server's stored response. PATCH is neither.
    /// </summary>
    public static bool IsSafeToRepeat(HttpMethod method, string? idempotencyKey) =>
        method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete ||
        (method == HttpMethod.Post && idempotencyKey is not null);

    /// <summary>
    /// The wait before retry number <paramref name="retry"/> (1-based): exponential from the initial delay, capped, with
    /// "equal jitter" (a random point in the upper half) so many clients throttled together do not come back together.
    /// </summary>
    public TimeSpan Backoff(int retry)
    {
        var exponential = initialDelay.TotalMilliseconds * Math.Pow(2, Math.Min(retry - 1, 30));
        var capped = Math.Min(exponential, maxDelay.TotalMilliseconds);
        var jitter = RandomNumberGenerator.GetInt32(1001) / 1000.0;
        return TimeSpan.FromMilliseconds(capped / 2 + capped / 2 * jitter);
    }

    /// <summary>The response's <c>Retry-After</c> (seconds, or an HTTP date read against the clock) as a wait from now.</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        if (response.Headers.RetryAfter is not { } header)
            return null;
        if (header.Delta is { } delta)
            return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
        if (header.Date is { } date)
        {
            var wait = date - time.GetUtcNow();
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
        return null;
    }

    /// <summary>
    /// The wait before retrying a 429/503: the server's <c>Retry-After</c> when it sent one (it knows when its window
    /// reopens), else the backoff; null when the server asks for longer than the caller is willing to wait.
    /// </summary>
    public TimeSpan? StatusRetryDelay(HttpResponseMessage response, int retry)
    {
        var retryAfter = RetryAfter(response);
        if (retryAfter is { } wait)
            return wait <= maxRetryAfter ? wait : null;
        return Backoff(retry);
    }

    public Task DelayAsync(TimeSpan wait, CancellationToken cancellationToken) =>
        wait <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(wait, time, cancellationToken);
}
