using System.Security.Cryptography;
using System.Text;
using Verilock.Infrastructure.Security;

namespace Verilock.Server.Webhooks;

/// <summary>
/// Encrypts webhook secrets at rest. They cannot be hashed like API keys: the server needs them in clear to
/// compute HMACs. AES-256-GCM with a master key from <c>Verilock:Webhooks:SecretKey</c> (or a key generated
/// once into the data folder), the row's identity as associated data so a ciphertext cannot be moved to
/// another endpoint or account. A database dump alone reveals no secret.
/// </summary>
public sealed class WebhookSecretProtector
{
    public const string KeyFileName = "webhook-secrets.key";
    private const string Version = "v1.";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly Lazy<byte[]> _key;

    /// <param name="configuredKey">Base64 of 32 bytes, or empty to use (and on first use create) the key file.</param>
    /// <param name="dataDir">The data folder holding the key file.</param>
    public WebhookSecretProtector(string? configuredKey, string dataDir)
    {
        var configured = configuredKey;
        _key = new Lazy<byte[]>(() => MasterKeys.Load(configured, Path.Combine(dataDir, KeyFileName)));
    }

    public static string EndpointContext(string endpointId) => endpointId;

    public static string DefaultSecretContext(Guid accountId, bool liveMode) =>
        $"default:{accountId:D}:{(liveMode ? "live" : "test")}";

    public string Protect(string secret, string context)
    {
        var plain = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), Encoding.UTF8.GetBytes(context));
        return Version + Convert.ToBase64String(sealedBytes);
    }

    public string Unprotect(string ciphertext, string context)
    {
        if (!ciphertext.StartsWith(Version, StringComparison.Ordinal))
            throw new CryptographicException("Unknown webhook secret format.");
        var sealedBytes = Convert.FromBase64String(ciphertext[Version.Length..]);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), plain,
            Encoding.UTF8.GetBytes(context));
        return Encoding.UTF8.GetString(plain);
    }
}
