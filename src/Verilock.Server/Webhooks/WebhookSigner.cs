using System.Security.Cryptography;
using System.Text;

namespace Verilock.Server.Webhooks;

/// <summary>
/// The signature headers of spec §12.3. The HMAC key is the whole secret string (with <c>whsec_</c>) in UTF-8.
/// </summary>
public static class WebhookSigner
{
    public const string SignatureHeader = "X-Verilock-Signature";
    public const string TimestampHeader = "X-Verilock-Timestamp";
    public const string SignatureV2Header = "X-Verilock-Signature-V2";
    public const string EventHeader = "X-Verilock-Event";
    public const string AttemptHeader = "X-Verilock-Delivery-Attempt";

    /// <summary>Lower-case hex HMAC-SHA256 of the raw body.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>Lower-case hex HMAC-SHA256 of <c>"&lt;timestamp&gt;.&lt;raw body&gt;"</c>.</summary>
    public static string SignV2(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return Convert.ToHexStringLower(hmac.GetHashAndReset());
    }

    /// <summary><c>t=…,v1=…</c>, with a second <c>v1</c> for the previous secret while a rotation window is open.</summary>
    public static string V2Header(long timestamp, ReadOnlySpan<byte> body, string secret, string? previousSecret)
    {
        var header = $"t={timestamp},v1={SignV2(secret, timestamp, body)}";
        return previousSecret is null ? header : $"{header},v1={SignV2(previousSecret, timestamp, body)}";
    }
}
