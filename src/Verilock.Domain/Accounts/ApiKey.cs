using System.Security.Cryptography;
using System.Text;

namespace Verilock.Domain.Accounts;

/// <summary>
/// An API key (spec §2.1). Only the SHA-256 of the secret and its display prefix are stored; the full
/// key exists once, in the result of <see cref="Issue"/>.
/// </summary>
public sealed class ApiKey
{
    public const int PrefixLength = 16;

    public Guid Id { get; init; } = Guid.NewGuid();
    public Guid AccountId { get; init; }
    public bool LiveMode { get; init; }
    public required string Hash { get; init; }
    public required string Prefix { get; init; }
    /// <summary>Per-key override of the server's rate limit; null uses the configured default.</summary>
    public int? RateLimitPerMinute { get; set; }
    public DateTime CreatedAt { get; init; }
    public DateTime? RevokedAt { get; set; }
    public DateTime? LastUsedAt { get; set; }

    public static (ApiKey Key, string Secret) Issue(Guid accountId, bool liveMode, DateTime now)
    {
        var secret = (liveMode ? "qi_live_" : "qi_test_") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var key = new ApiKey
        {
            AccountId = accountId,
            LiveMode = liveMode,
            Hash = HashOf(secret),
            Prefix = secret[..PrefixLength],
            CreatedAt = now,
        };
        return (key, secret);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool LooksLikeKey(string value) =>
        value.StartsWith("qi_live_", StringComparison.Ordinal) || value.StartsWith("qi_test_", StringComparison.Ordinal);
}
