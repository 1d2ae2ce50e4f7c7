using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Verilock.Infrastructure.Security;

namespace Verilock.Infrastructure.Media;

/// <summary>
/// Envelope encryption of media at rest (ARCHITECTURE §4): each file gets its own random AES-256-GCM data key,
/// wrapped by the current media master key. The storage key is associated data of both seals, so a file or a
/// wrapped key copied under another name does not decrypt.
/// <list type="bullet">
/// <item>File, <c>VLM2</c>: <c>"VLM2" | file nonce 12 | file tag 16 | ciphertext</c>. The data key is not in it: it is
/// the database's (<see cref="WrapKey"/>, row <c>media_keys</c>), so deleting that row crypto-shreds every copy.</item>
/// <item>Wrapped data key: <c>0x02 | master key id (uint32, big-endian) | nonce 12 | tag 16 | sealed data key 32</c>.</item>
/// <item>File, <c>VLM1</c> (written before key ids, still read): <c>"VLM1" | key nonce 12 | key tag 16 | sealed data
/// key 32 | file nonce 12 | file tag 16 | ciphertext</c>, the data key sealed by master key 0 inside the file.</item>
/// </list>
/// </summary>
public sealed class MediaCipher(MasterKeyRing masterKeys)
{
    private static ReadOnlySpan<byte> Magic1 => "VLM1"u8;
    private static ReadOnlySpan<byte> Magic2 => "VLM2"u8;
    private const byte WrappedVersion = 2;
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private const int KeySize = 32;
    private const int Header1Size = 4 + NonceSize + TagSize + KeySize + NonceSize + TagSize;
    private const int Header2Size = 4 + NonceSize + TagSize;
    private const int WrappedHeaderSize = 1 + 4;
    public const int WrappedKeySize = WrappedHeaderSize + NonceSize + TagSize + KeySize;

    /// <summary>A file sealed under a new data key, and that key wrapped by the current master key.</summary>
    public sealed record Sealed(byte[] File, byte[] WrappedKey, int MasterKeyId);

    /// <summary>The media master keys (rotation adds one).</summary>
    public MasterKeyRing MasterKeys => masterKeys;

    public Sealed Seal(string storageKey, ReadOnlySpan<byte> plain)
    {
        var associated = Encoding.ASCII.GetBytes(storageKey);
        var output = new byte[Header2Size + plain.Length];
        Magic2.CopyTo(output);
        var dataKey = RandomNumberGenerator.GetBytes(KeySize);
        try
        {
            var nonce = output.AsSpan(Magic2.Length, NonceSize);
            RandomNumberGenerator.Fill(nonce);
            using (var file = new AesGcm(dataKey, TagSize))
                file.Encrypt(nonce, plain, output.AsSpan(Header2Size), output.AsSpan(Magic2.Length + NonceSize, TagSize), associated);
            var (id, wrapped) = WrapKey(storageKey, dataKey);
            return new Sealed(output, wrapped, id);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <param name="wrappedKey">The file's data key from the database; null when it has none (a <c>VLM1</c> file, or a shredded one).</param>
    /// <exception cref="CryptographicException">The bytes were altered, belong to another key, are not sealed media, or the data key is gone.</exception>
    public byte[] Open(string storageKey, ReadOnlySpan<byte> sealedBytes, byte[]? wrappedKey)
    {
        if (sealedBytes.StartsWith(Magic1))
            return OpenVersion1(storageKey, sealedBytes);
        if (sealedBytes.Length < Header2Size || !sealedBytes.StartsWith(Magic2))
            throw new CryptographicException("Not a sealed media file.");
        if (wrappedKey is null)
            throw new CryptographicException("The media file's data key is gone.");
        var associated = Encoding.ASCII.GetBytes(storageKey);
        var dataKey = UnwrapKey(storageKey, wrappedKey);
        try
        {
            var plain = new byte[sealedBytes.Length - Header2Size];
            using var file = new AesGcm(dataKey, TagSize);
            file.Decrypt(sealedBytes.Slice(Magic2.Length, NonceSize), sealedBytes[Header2Size..],
                sealedBytes.Slice(Magic2.Length + NonceSize, TagSize), plain, associated);
            return plain;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>Whether the file is a <c>VLM1</c> one, whose data key is inside it rather than in the database.</summary>
    public static bool CarriesItsOwnKey(ReadOnlySpan<byte> sealedBytes) => sealedBytes.StartsWith(Magic1);

    /// <summary>The same data key wrapped by the current master key (rotation); the file is untouched.</summary>
    public (int MasterKeyId, byte[] WrappedKey) Rewrap(string storageKey, byte[] wrappedKey)
    {
        var dataKey = UnwrapKey(storageKey, wrappedKey);
        try
        {
            return WrapKey(storageKey, dataKey);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(dataKey);
        }
    }

    /// <summary>The id of the master key in a wrapped key's header.</summary>
    public static int MasterKeyIdOf(ReadOnlySpan<byte> wrappedKey) =>
        wrappedKey.Length == WrappedKeySize && wrappedKey[0] == WrappedVersion
            ? checked((int)BinaryPrimitives.ReadUInt32BigEndian(wrappedKey[1..]))
            : throw new CryptographicException("Not a wrapped media key.");

    private (int Id, byte[] Wrapped) WrapKey(string storageKey, ReadOnlySpan<byte> dataKey)
    {
        var (id, master) = masterKeys.Current;
        var wrapped = new byte[WrappedKeySize];
        wrapped[0] = WrappedVersion;
        BinaryPrimitives.WriteUInt32BigEndian(wrapped.AsSpan(1), (uint)id);
        var nonce = wrapped.AsSpan(WrappedHeaderSize, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(master, TagSize);
        aes.Encrypt(nonce, dataKey, wrapped.AsSpan(WrappedHeaderSize + NonceSize + TagSize), wrapped.AsSpan(WrappedHeaderSize + NonceSize, TagSize),
            WrapAssociatedData(storageKey, wrapped));
        return (id, wrapped);
    }

    private byte[] UnwrapKey(string storageKey, byte[] wrapped)
    {
        var master = masterKeys.Get(MasterKeyIdOf(wrapped));
        var dataKey = new byte[KeySize];
        using var aes = new AesGcm(master, TagSize);
        aes.Decrypt(wrapped.AsSpan(WrappedHeaderSize, NonceSize), wrapped.AsSpan(WrappedHeaderSize + NonceSize + TagSize, KeySize),
            wrapped.AsSpan(WrappedHeaderSize + NonceSize, TagSize), dataKey, WrapAssociatedData(storageKey, wrapped));
        return dataKey;
    }

    // The header (version and key id) is authenticated with the storage key: an edited id fails rather than misleads.
    private static byte[] WrapAssociatedData(string storageKey, byte[] wrapped) =>
        [.. wrapped.AsSpan(0, WrappedHeaderSize), .. Encoding.ASCII.GetBytes(storageKey)];

    private byte[] OpenVersion1(string storageKey, ReadOnlySpan<byte> sealedBytes)
    {
        if (sealedBytes.Length < Header1Size)
            throw new CryptographicException("Not a sealed media file.");
        var associated = Encoding.ASCII.GetBytes(storageKey);
        var fileKey = new byte[KeySize];
        try
        {
            var offset = Magic1.Length;
            using (var master = new AesGcm(masterKeys.Get(0), TagSize))
                master.Decrypt(sealedBytes.Slice(offset, NonceSize), sealedBytes.Slice(offset + NonceSize + TagSize, KeySize),
                    sealedBytes.Slice(offset + NonceSize, TagSize), fileKey, associated);
            offset += NonceSize + TagSize + KeySize;
            var plain = new byte[sealedBytes.Length - Header1Size];
            using var file = new AesGcm(fileKey, TagSize);
            file.Decrypt(sealedBytes.Slice(offset, NonceSize), sealedBytes[Header1Size..], sealedBytes.Slice(offset + NonceSize, TagSize), plain, associated);
            return plain;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(fileKey);
        }
    }
}
