namespace Verilock.Server.Api;

/// <summary>The <c>Verilock:RateLimit</c> section.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Requests per key per minute unless the key has its own limit; 0 disables rate limiting.</summary>
    public int PermitPerMinute { get; set; } = 120;

    public IEnumerable<string> Problems()
    {
        if (PermitPerMinute < 0)
            yield return "Verilock:RateLimit:PermitPerMinute must be 0 (off) or more.";
    }
}
