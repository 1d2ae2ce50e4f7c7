using System.Security.Cryptography;
using System.Text;
using Verilock.Infrastructure.Security;

namespace Verilock.Server.Webhooks;

/// <summary>
/// Encrypts webhook secrets at rest. They cannot be hashed like API keys: the server needs them in clear to
/// compute HMACs. AES-256-GCM under the webhook master keys (<c>Verilock:Webhooks:SecretKey</c> or a key file
/// generated once into the data folder, plus any rotated ones), the row's identity as associated data so a
/// ciphertext cannot be moved to another endpoint or account. A database dump alone reveals no secret.
/// Written as <see cref="KeyedSeal"/> (<c>v2.KEYID.…</c>); <c>v1.…</c> from before key ids is read with key 0.
/// </summary>
public sealed class WebhookSecretProtector(string? configuredKey, string dataDir)
{
    public const string KeyFileName = "webhook-secrets.key";
    private const string Version1 = "v1.";

    /// <summary>The webhook master keys (rotation adds one).</summary>
    public MasterKeyRing MasterKeys { get; } = new(configuredKey, Path.Combine(dataDir, KeyFileName));

    public static string EndpointContext(string endpointId) => endpointId;

    public static string DefaultSecretContext(Guid accountId, bool liveMode) =>
        $"default:{accountId:D}:{(liveMode ? "live" : "test")}";

    public string Protect(string secret, string context) =>
        KeyedSeal.Seal(MasterKeys, Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(context));

    public string Unprotect(string ciphertext, string context)
    {
        var associated = Encoding.UTF8.GetBytes(context);
        if (KeyedSeal.IsKeyed(ciphertext))
            return Encoding.UTF8.GetString(KeyedSeal.Open(MasterKeys, ciphertext, associated));
        if (!ciphertext.StartsWith(Version1, StringComparison.Ordinal))
            throw new CryptographicException("Unknown webhook secret format.");
        return Encoding.UTF8.GetString(KeyedSeal.OpenLegacy(MasterKeys, Convert.FromBase64String(ciphertext[Version1.Length..]), associated));
    }

    /// <summary>The master key id a stored secret is sealed with (0 for <c>v1.</c>).</summary>
    public static int MasterKeyIdOf(string ciphertext) => KeyedSeal.IsKeyed(ciphertext) ? KeyedSeal.KeyIdOf(ciphertext) : 0;
}
