using System.Security.Cryptography;

namespace Verilock.Domain.Common;

/// <summary>Public identifier formats of the API (spec §1).</summary>
public static class Ids
{
    public static string NewSessionId() => "ses_" + Guid.NewGuid().ToString("D");

    public static string NewDocumentId() => "doc_" + Guid.NewGuid().ToString("D");

    public static string NewSelfieId() => "sel_" + Guid.NewGuid().ToString("D");

    /// <summary>The name of a stored media file: random, so it says nothing about its session or holder.</summary>
    public static string NewMediaKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static string NewScreeningId() => "aml_" + Guid.NewGuid().ToString("D");

    public static string NewEventId() => "evt_" + Guid.NewGuid().ToString("N");

    public static string NewWebhookEndpointId() => "whe_" + Guid.NewGuid().ToString("D");

    /// <summary>One event to one target (spec §1: <c>wh_evt_</c> and 12 lower-case hex digits).</summary>
    public static string NewWebhookId() => "wh_evt_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    /// <summary>A webhook signing secret: <c>whsec_</c> and 32 random bytes, base64url (43 characters).</summary>
    public static string NewWebhookSecret() => "whsec_" + RandomUrlSafe(32);

    /// <summary>32 random bytes, base64url without padding: 43 characters.</summary>
    public static string NewSessionToken() => "tok_" + RandomUrlSafe(32);

    public static string RandomUrlSafe(int byteCount) =>
        Base64Url(RandomNumberGenerator.GetBytes(byteCount));

    public static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
