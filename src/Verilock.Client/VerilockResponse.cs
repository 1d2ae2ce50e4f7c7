using System.Net;

namespace Verilock.Client;

/// <summary>What the HTTP exchange behind a result said, beside its body: ids, rate limit, idempotency, attempts.</summary>
public sealed class VerilockResponse
{
    internal VerilockResponse(HttpStatusCode statusCode, string? requestId, string? idempotencyKey, bool idempotentReplayed,
        int? rateLimitLimit, int? rateLimitRemaining, int attempts)
    {
        StatusCode = statusCode;
        RequestId = requestId;
        IdempotencyKey = idempotencyKey;
        IdempotentReplayed = idempotentReplayed;
        RateLimitLimit = rateLimitLimit;
        RateLimitRemaining = rateLimitRemaining;
        Attempts = attempts;
    }

    /// <summary>The final attempt's status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The server's <c>X-Request-Id</c>: quote it when reporting a problem.</summary>
    public string? RequestId { get; }

    /// <summary>The <c>Idempotency-Key</c> sent (POST only).</summary>
    public string? IdempotencyKey { get; }

    /// <summary>True when the server replayed a stored response for the key (<c>Idempotent-Replayed: true</c>) instead of acting again.</summary>
    public bool IdempotentReplayed { get; }

    /// <summary><c>X-RateLimit-Limit</c>: requests the key may make per minute.</summary>
    public int? RateLimitLimit { get; }

    /// <summary><c>X-RateLimit-Remaining</c>: requests left in the current minute.</summary>
    public int? RateLimitRemaining { get; }

    /// <summary>How many attempts the call took (1 when no retry was needed).</summary>
    public int Attempts { get; }
}
