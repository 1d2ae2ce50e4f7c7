using System.Security.Cryptography;
using System.Text;

namespace Verilock.Infrastructure.Media;

/// <summary>
/// Envelope encryption of media at rest (ARCHITECTURE §4): each file gets its own random AES-256-GCM key,
/// which is itself sealed with the master key. The storage key is associated data of both seals, so a file
/// copied under another name does not decrypt. Layout:
/// <c>"VLM1" | key nonce 12 | key tag 16 | sealed file key 32 | file nonce 12 | file tag 16 | ciphertext</c>.
/// </summary>
public sealed class MediaCipher(byte[] masterKey)
{
    private static ReadOnlySpan<byte> Magic => "VLM1"u8;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;
    private const int HeaderSize = 4 + NonceSize + TagSize + KeySize + NonceSize + TagSize;

    public byte[] Seal(string storageKey, ReadOnlySpan<byte> plain)
    {
        var associated = Encoding.ASCII.GetBytes(storageKey);
        var output = new byte[HeaderSize + plain.Length];
        Magic.CopyTo(output);
        var fileKey = RandomNumberGenerator.GetBytes(KeySize);
        try
        {
            var offset = Magic.Length;
            var keyNonce = output.AsSpan(offset, NonceSize);
            RandomNumberGenerator.Fill(keyNonce);
            using (var master = new AesGcm(masterKey, TagSize))
                master.Encrypt(keyNonce, fileKey, output.AsSpan(offset + NonceSize + TagSize, KeySize), output.AsSpan(offset + NonceSize, TagSize), associated);
            offset += NonceSize + TagSize + KeySize;
            var fileNonce = output.AsSpan(offset, NonceSize);
            RandomNumberGenerator.Fill(fileNonce);
            using var file = new AesGcm(fileKey, TagSize);
            file.Encrypt(fileNonce, plain, output.AsSpan(HeaderSize), output.AsSpan(offset + NonceSize, TagSize), associated);
            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fileKey);
        }
    }

    /// <exception cref="CryptographicException">The bytes were altered, belong to another key, or are not sealed media.</exception>
    public byte[] Open(string storageKey, ReadOnlySpan<byte> sealedBytes)
    {
        if (sealedBytes.Length < HeaderSize || !sealedBytes.StartsWith(Magic))
            throw new CryptographicException("Not a sealed media file.");
        var associated = Encoding.ASCII.GetBytes(storageKey);
        var fileKey = new byte[KeySize];
        try
        {
            var offset = Magic.Length;
            using (var master = new AesGcm(masterKey, TagSize))
                master.Decrypt(sealedBytes.Slice(offset, NonceSize), sealedBytes.Slice(offset + NonceSize + TagSize, KeySize),
                    sealedBytes.Slice(offset + NonceSize, TagSize), fileKey, associated);
            offset += NonceSize + TagSize + KeySize;
            var plain = new byte[sealedBytes.Length - HeaderSize];
            using var file = new AesGcm(fileKey, TagSize);
            file.Decrypt(sealedBytes.Slice(offset, NonceSize), sealedBytes[HeaderSize..], sealedBytes.Slice(offset + NonceSize, TagSize), plain, associated);
            return plain;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fileKey);
        }
    }
}
