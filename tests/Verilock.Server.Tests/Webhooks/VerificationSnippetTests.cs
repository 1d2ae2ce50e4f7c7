using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Webhooks;

/// <summary>The verification helper of docs/webhooks.md, copied verbatim, checked against real deliveries.</summary>
public sealed class VerificationSnippetTests(SqliteWebhookFixture api) : WebhookTestsBase(api), IClassFixture<SqliteWebhookFixture>
{
    [Fact]
    public async Task The_documented_verifier_accepts_a_real_delivery_and_rejects_tampering()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var caller = await Api.NewCallerAsync();
        var (_, secret) = await CreateEndpointAsync(caller.Client, receiver.Url(), """["session.created"]""");
        await CreateAsync(caller.Client);
        var request = (await receiver.WaitForCountAsync("/hook", 1))[0];
        var header = request.Header("X-Verilock-Signature-V2");
        var now = Api.Clock.GetUtcNow();

        Assert.True(VerilockWebhookVerifier.IsValid(request.Body, header, secret, now));
        Assert.False(VerilockWebhookVerifier.IsValid(request.Body, header, secret + "x", now));
        var tampered = request.Body.ToArray();
        tampered[^2] ^= 1;
        Assert.False(VerilockWebhookVerifier.IsValid(tampered, header, secret, now));
        Assert.False(VerilockWebhookVerifier.IsValid(request.Body, header, secret, now.AddSeconds(301)));
        Assert.False(VerilockWebhookVerifier.IsValid(request.Body, null, secret, now));
    }
}

// ---- begin: copied from docs/webhooks.md ----
public static class VerilockWebhookVerifier
{
    /// <summary>
    /// True when <paramref name="signatureV2"/> (the X-Verilock-Signature-V2 header) carries a valid signature of
    /// the raw request body with <paramref name="secret"/>, made less than 5 minutes from <paramref name="now"/>.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> rawBody, string? signatureV2, string secret, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(signatureV2))
            return false;
        string? timestamp = null;
        var candidates = new List<string>();
        foreach (var part in signatureV2.Split(','))
        {
            var pair = part.Trim().Split('=', 2);
            if (pair.Length != 2)
                continue;
            if (pair[0] == "t")
                timestamp = pair[1];
            else if (pair[0] == "v1")
                candidates.Add(pair[1]);   // two during a secret rotation: new, then old
        }
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var t) ||
            Math.Abs(now.ToUnixTimeSeconds() - t) > 300)
            return false;

        var prefix = Encoding.ASCII.GetBytes(timestamp + ".");
        var signed = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(signed, 0);
        rawBody.CopyTo(signed.AsSpan(prefix.Length));
        var expected = Encoding.ASCII.GetBytes(
            Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)));

        var valid = false;
        foreach (var candidate in candidates)
            valid |= CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(candidate));
        return valid;
    }
}
// ---- end ----
