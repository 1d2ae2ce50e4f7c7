using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verilock.Client;

/// <summary>
/// Checks the <c>X-Verilock-Signature-V2</c> header of a webhook delivery (spec §12.3):
/// <c>t=&lt;ts&gt;,v1=&lt;hex HMAC-SHA256(secret, "&lt;ts&gt;.&lt;raw body&gt;")&gt;</c>, keyed with the whole secret
/// (<c>whsec_…</c>) in UTF-8. Verify the raw body exactly as received, before any JSON parsing.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The spec's tolerance: a <c>t</c> more than 300 s away from now is rejected (replays, clock-skewed forgeries).</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    private const int HexLength = 64;

    /// <summary>True when the header signs <paramref name="rawBody"/> with <paramref name="secret"/> within <see cref="DefaultTolerance"/> of now.</summary>
    /// <param name="rawBody">The request body as received; it is signed as its UTF-8 bytes.</param>
    /// <param name="signatureHeader">The <c>X-Verilock-Signature-V2</c> header (null or empty: false).</param>
    /// <param name="secret">The endpoint's secret, or the account's default secret for a session's <c>webhook_url</c>.</param>
    public static bool Verify(string rawBody, string? signatureHeader, string secret) =>
        Verify(rawBody, signatureHeader, secret, DefaultTolerance);

    /// <summary>True when the header signs <paramref name="rawBody"/> with <paramref name="secret"/> within <paramref name="tolerance"/> of now.</summary>
    /// <param name="rawBody">The request body as received; it is signed as its UTF-8 bytes.</param>
    /// <param name="signatureHeader">The <c>X-Verilock-Signature-V2</c> header (null or empty: false).</param>
    /// <param name="secret">The endpoint's secret, or the account's default secret for a session's <c>webhook_url</c>.</param>
    /// <param name="tolerance">How far <c>t</c> may be from now, either way.</param>
    public static bool Verify(string rawBody, string? signatureHeader, string secret, TimeSpan tolerance) =>
        Verify(rawBody, signatureHeader, secret, tolerance, DateTimeOffset.UtcNow);

    /// <summary>As <see cref="Verify(string, string?, string, TimeSpan)"/>, against a clock of your own (tests, replays of stored deliveries).</summary>
    /// <param name="rawBody">The request body as received; it is signed as its UTF-8 bytes.</param>
    /// <param name="signatureHeader">The <c>X-Verilock-Signature-V2</c> header.</param>
    /// <param name="secret">The signing secret.</param>
    /// <param name="tolerance">How far <c>t</c> may be from <paramref name="now"/>, either way.</param>
    /// <param name="now">The time to check <c>t</c> against.</param>
    public static bool Verify(string rawBody, string? signatureHeader, string secret, TimeSpan tolerance, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        return Verify(Encoding.UTF8.GetBytes(rawBody), signatureHeader, secret, tolerance, now);
    }

    /// <summary>As <see cref="Verify(string, string?, string, TimeSpan)"/>, over the raw bytes (the safest: no decoding in between).</summary>
    /// <param name="rawBody">The request body's bytes as received.</param>
    /// <param name="signatureHeader">The <c>X-Verilock-Signature-V2</c> header.</param>
    /// <param name="secret">The signing secret.</param>
    /// <param name="tolerance">How far <c>t</c> may be from now, either way.</param>
    public static bool Verify(ReadOnlySpan<byte> rawBody, string? signatureHeader, string secret, TimeSpan tolerance) =>
        Verify(rawBody, signatureHeader, secret, tolerance, DateTimeOffset.UtcNow);

    /// <summary>As <see cref="Verify(ReadOnlySpan{byte}, string?, string, TimeSpan)"/>, against a clock of your own.</summary>
    /// <param name="rawBody">The request body's bytes as received.</param>
    /// <param name="signatureHeader">The <c>X-Verilock-Signature-V2</c> header.</param>
    /// <param name="secret">The signing secret.</param>
    /// <param name="tolerance">How far <c>t</c> may be from <paramref name="now"/>, either way.</param>
    /// <param name="now">The time to check <c>t</c> against.</param>
    public static bool Verify(ReadOnlySpan<byte> rawBody, string? signatureHeader, string secret, TimeSpan tolerance, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentOutOfRangeException.ThrowIfLessThan(tolerance, TimeSpan.Zero);
        if (string.IsNullOrEmpty(signatureHeader))
            return false;

        string? timestamp = null;
        var candidates = new List<string>(2);
        foreach (var part in signatureHeader.Split(','))
        {
            var pair = part.Trim();
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                continue;
            var name = pair[..equals];
            var value = pair[(equals + 1)..];
            if (name == "t")
                timestamp ??= value;
            else if (name == "v1")
                candidates.Add(value); // two while a rotation is open: the new secret's, then the old one's
            // Other schemes (a future v2=) are ignored, so a server that adds one does not break this check.
        }
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || candidates.Count == 0)
            return false;
        var signedAt = seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds() ? DateTimeOffset.FromUnixTimeSeconds(seconds) : DateTimeOffset.MaxValue;
        if ((now - signedAt).Duration() > tolerance)
            return false;

        Span<byte> expected = stackalloc byte[32];
        Compute(rawBody, secret, timestamp!, expected);
        Span<byte> presented = stackalloc byte[32];
        var valid = false;
        foreach (var candidate in candidates)
        {
            // Every candidate is compared, in constant time, so the answer's timing says nothing about which one matched.
            if (TryParseHex(candidate, presented))
                valid |= CryptographicOperations.FixedTimeEquals(expected, presented);
        }
        return valid;
    }

    /// <summary>
    /// The header the server would send for <paramref name="rawBody"/> at <paramref name="timestamp"/>: for testing a
    /// receiver without a server.
    /// </summary>
    /// <param name="rawBody">The body to sign (its UTF-8 bytes).</param>
    /// <param name="secret">The signing secret.</param>
    /// <param name="timestamp">The signing time (whole seconds are used).</param>
    public static string CreateHeader(string rawBody, string secret, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        var t = timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        Span<byte> mac = stackalloc byte[32];
        Compute(Encoding.UTF8.GetBytes(rawBody), secret, t, mac);
        return $"t={t},v1={LowerHex(mac)}";
    }

    /// <summary>HMAC-SHA256(secret, "&lt;timestamp&gt;." + body), the timestamp as it appears in the header.</summary>
    private static void Compute(ReadOnlySpan<byte> body, string secret, string timestamp, Span<byte> mac)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.ASCII.GetBytes(timestamp + "."));
        hmac.AppendData(body);
        hmac.GetHashAndReset(mac);
    }

    private static bool TryParseHex(string hex, Span<byte> bytes)
    {
        if (hex.Length != HexLength)
            return false;
        foreach (var c in hex)
        {
            if (!char.IsAsciiHexDigit(c))
                return false;
        }
        Convert.FromHexString(hex).CopyTo(bytes);
        return true;
    }

    /// <summary>Lower-case hex, as the server writes signatures (.NET 8 has no lower-case <see cref="Convert"/> method).</summary>
    private static string LowerHex(ReadOnlySpan<byte> bytes)
    {
        const string digits = "0123456789abcdef";
        var text = new StringBuilder(bytes.Length * 2);
        foreach (var b in bytes)
            text.Append(digits[b >> 4]).Append(digits[b & 0xF]);
        return text.ToString();
    }
}
