using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Verilock.Infrastructure.Security;

namespace Verilock.Server.Dashboard.Operators;

/// <summary>
/// Encrypts the data-protection key ring before it is stored in the database: whoever can sign cookies can act
/// as any operator, so a database dump alone must not give that away. AES-256-GCM under a master key from
/// <c>Verilock:Dashboard:KeyRingKey</c> or a key file in the data folder, like the webhook secrets' key.
/// </summary>
public sealed class KeyRingCipher(string? configuredKey, string dataDir)
{
    public const string KeyFileName = "dashboard-keyring.key";
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("verilock.dashboard.keyring.v1");

    private readonly Lazy<byte[]> _key = new(() => MasterKeys.Load(configuredKey, Path.Combine(dataDir, KeyFileName)));

    public string Seal(string plain)
    {
        var plainBytes = Encoding.UTF8.GetBytes(plain);
        var sealedBytes = new byte[NonceSize + TagSize + plainBytes.Length];
        RandomNumberGenerator.Fill(sealedBytes.AsSpan(0, NonceSize));
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Encrypt(sealedBytes.AsSpan(0, NonceSize), plainBytes, sealedBytes.AsSpan(NonceSize + TagSize),
            sealedBytes.AsSpan(NonceSize, TagSize), Purpose);
        return Convert.ToBase64String(sealedBytes);
    }

    public string Open(string sealedText)
    {
        var sealedBytes = Convert.FromBase64String(sealedText);
        var plain = new byte[sealedBytes.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_key.Value, TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize + TagSize), sealedBytes.AsSpan(NonceSize, TagSize),
            plain, Purpose);
        return Encoding.UTF8.GetString(plain);
    }
}

public sealed class KeyRingEncryptor(KeyRingCipher cipher) : IXmlEncryptor
{
    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement("sealed", cipher.Seal(plaintextElement.ToString(SaveOptions.DisableFormatting))), typeof(KeyRingDecryptor));
}

/// <summary>Created by the data-protection system from the type named in the stored XML, hence the service-provider constructor.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<KeyRingCipher>().Open(encryptedElement.Value));
}
