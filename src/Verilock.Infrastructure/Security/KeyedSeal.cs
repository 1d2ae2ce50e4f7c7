using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Verilock.Infrastructure.Security;

/// <summary>
/// Short secrets sealed as text under a <see cref="MasterKeyRing"/> (webhook secrets, the dashboard's key ring):
/// AES-256-GCM, written as <c>v2.KEYID.BASE64(nonce 12 | tag 16 | ciphertext)</c>. The header is associated data
/// along with the caller's context, so the id cannot be edited to point elsewhere. Texts from before key ids (the
/// caller's legacy format) are opened with key 0.
/// </summary>
public static class KeyedSeal
{
    private const string Version = "v2.";
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public static string Seal(MasterKeyRing keys, ReadOnlySpan<byte> plain, ReadOnlySpan<byte> context)
    {
        var (id, key) = keys.Current;
        var header = Header(id);
        var sealedBytes = new byte[NonceSize + TagSize + plain.Length];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize), AssociatedData(header, context));
        return header + Convert.ToBase64String(sealedBytes);
    }

    /// <summary>Whether <paramref name="text"/> is in this format (else it is the caller's legacy one).</summary>
    public static bool IsKeyed(string text) => text.StartsWith(Version, StringComparison.Ordinal);

    /// <summary>The master key id in the header of a text in this format.</summary>
    public static int KeyIdOf(string text)
    {
        var end = IsKeyed(text) ? text.IndexOf('.', Version.Length) : -1;
        return end > Version.Length && int.TryParse(text.AsSpan(Version.Length, end - Version.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new CryptographicException("Not a keyed ciphertext.");
    }

    public static byte[] Open(MasterKeyRing keys, string text, ReadOnlySpan<byte> context)
    {
        var id = KeyIdOf(text);
        var header = Header(id);
        var sealedBytes = Convert.FromBase64String(text[header.Length..]);
        return OpenBytes(keys.Get(id), sealedBytes, AssociatedData(header, context));
    }

    /// <summary>Opens <c>nonce | tag | ciphertext</c> from before key ids, sealed by key 0 with only the context as associated data.</summary>
    public static byte[] OpenLegacy(MasterKeyRing keys, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> context) =>
        OpenBytes(keys.Get(0), sealedBytes, context);

    private static byte[] OpenBytes(byte[] key, ReadOnlySpan<byte> sealedBytes, ReadOnlySpan<byte> associated)
    {
        if (sealedBytes.Length < NonceSize + TagSize)
            throw new CryptographicException("Ciphertext too short.");
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(key, TagSize);
        aes.Decrypt(sealedBytes[..NonceSize], sealedBytes[(NonceSize + TagSize)..], sealedBytes.Slice(NonceSize, TagSize), plain, associated);
        return plain;
    }

    private static string Header(int id) => $"{Version}{id.ToString(CultureInfo.InvariantCulture)}.";

    private static byte[] AssociatedData(string header, ReadOnlySpan<byte> context) => [.. Encoding.ASCII.GetBytes(header), .. context];
}
