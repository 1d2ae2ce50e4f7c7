using System.Security.Cryptography;
using System.Text;
using Verilock.Infrastructure.Security;
using Verilock.Server.Dashboard.Operators;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Tests.Operations;

/// <summary>Master keys with ids: what ciphertexts carry, what old ones still open, how another process learns of a new key.</summary>
public sealed class MasterKeyRingTests : IDisposable
{
    private readonly string _dataDir = Directory.CreateTempSubdirectory("verilock-keys-").FullName;

    public void Dispose() => Directory.Delete(_dataDir, recursive: true);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Ciphertexts_carry_the_key_id_and_a_process_that_started_before_a_rotation_reads_the_new_key()
    {
        var server = new WebhookSecretProtector(null, _dataDir);
        var beforeRotation = server.Protect("whsec_old", "we_1");
        Assert.StartsWith("v2.0.", beforeRotation);

        // Another process (keys rotate-master) adds key 1 beside key 0.
        var command = new WebhookSecretProtector(null, _dataDir);
        Assert.Equal(1, command.MasterKeys.Rotate());
        var afterRotation = command.Protect("whsec_new", "we_1");
        Assert.StartsWith("v2.1.", afterRotation);

        // The running server has never seen key 1: meeting its id makes it look for key files again.
        Assert.Equal("whsec_new", server.Unprotect(afterRotation, "we_1"));
        Assert.Equal("whsec_old", server.Unprotect(beforeRotation, "we_1"));
        Assert.Equal([0, 1], server.MasterKeys.Ids());
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite,
            File.GetUnixFileMode(Path.Combine(_dataDir, WebhookSecretProtector.KeyFileName + ".1")));
        // The header is authenticated: pointing a ciphertext at another key id fails rather than opens.
        Assert.ThrowsAny<CryptographicException>(() => server.Unprotect("v2.0." + afterRotation["v2.1.".Length..], "we_1"));
    }

    [Fact]
    public void Secrets_sealed_before_key_ids_open_with_the_original_key()
    {
        var key = new MasterKeyRing(null, Path.Combine(_dataDir, WebhookSecretProtector.KeyFileName));
        var original = key.Current.Key;
        new MasterKeyRing(null, Path.Combine(_dataDir, WebhookSecretProtector.KeyFileName)).Rotate();

        Assert.Equal("whsec_legacy", new WebhookSecretProtector(null, _dataDir).Unprotect("v1." + LegacySeal(original, "whsec_legacy", "we_9"), "we_9"));

        var dashboardKey = new MasterKeyRing(null, Path.Combine(_dataDir, KeyRingCipher.KeyFileName)).Current.Key;
        var legacyRing = LegacySeal(dashboardKey, "<masterKey/>", "verilock.dashboard.keyring.v1");
        Assert.Equal("<masterKey/>", new KeyRingCipher(null, _dataDir).Open(legacyRing));
    }

    [Fact]
    public void A_configured_key_is_key_0_and_rotated_keys_are_files_beside_the_data()
    {
        var configured = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var ring = new MasterKeyRing(configured, Path.Combine(_dataDir, "media.key"));
        Assert.Equal(0, ring.Current.Id);
        Assert.Equal(Convert.FromBase64String(configured), ring.Current.Key);
        Assert.False(File.Exists(Path.Combine(_dataDir, "media.key")));
        Assert.Equal(1, ring.Rotate());
        Assert.Equal(1, ring.Current.Id);
        Assert.Equal(Convert.FromBase64String(configured), ring.Get(0));
    }

    // As the protectors wrote before key ids: base64(nonce 12 | tag 16 | ciphertext), the context as associated data.
    private static string LegacySeal(byte[] key, string plain, string context)
    {
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[12 + 16 + plainBytes.Length];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, 12));
        using var aes = new AesGcm(key, 16);
        aes.Encrypt(sealedBytes.AsSpan(0, 12), plainBytes, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), Encoding.UTF8.GetBytes(context));
        return Convert.ToBase64String(sealedBytes);
    }
}
