using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Verilock.Infrastructure.Security;

namespace Verilock.Server.Dashboard.Operators;

/// <summary>
/// Encrypts the data-protection key ring before it is stored in the database: whoever can sign cookies can act
/// as any operator, so a database dump alone must not give that away. AES-256-GCM under the dashboard master keys
/// (<c>Verilock:Dashboard:KeyRingKey</c> or a key file in the data folder, plus any rotated ones), like the webhook
/// secrets. Written as <see cref="KeyedSeal"/> (<c>v2.KEYID.…</c>); bare base64 from before key ids is key 0's.
/// </summary>
public sealed class KeyRingCipher(string? configuredKey, string dataDir)
{
    public const string KeyFileName = "dashboard-keyring.key";
    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("verilock.dashboard.keyring.v1");

    /// <summary>The dashboard master keys (rotation adds one).</summary>
    public MasterKeyRing MasterKeys { get; } = new(configuredKey, Path.Combine(dataDir, KeyFileName));

    public string Seal(string plain) => KeyedSeal.Seal(MasterKeys, Encoding.UTF8.GetBytes(plain), Purpose);

    public string Open(string sealedText) => Encoding.UTF8.GetString(KeyedSeal.IsKeyed(sealedText)
        ? KeyedSeal.Open(MasterKeys, sealedText, Purpose)
        : KeyedSeal.OpenLegacy(MasterKeys, Convert.FromBase64String(sealedText), Purpose));

    /// <summary>The master key id a sealed text is under (0 from before key ids).</summary>
    public static int MasterKeyIdOf(string sealedText) => KeyedSeal.IsKeyed(sealedText) ? KeyedSeal.KeyIdOf(sealedText) : 0;
}

public sealed class KeyRingEncryptor(KeyRingCipher cipher) : IXmlEncryptor
{
    /// <summary>The element holding a sealed key, inside the framework's <c>encryptedSecret</c>.</summary>
    public const string SealedElement = "sealed";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement) =>
        new(new XElement(SealedElement, cipher.Seal(plaintextElement.ToString(SaveOptions.DisableFormatting))), typeof(KeyRingDecryptor));
}

/// <summary>Created by the data-protection system from the type named in the stored XML, hence the service-provider constructor.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement) =>
        XElement.Parse(services.GetRequiredService<KeyRingCipher>().Open(encryptedElement.Value));
}
