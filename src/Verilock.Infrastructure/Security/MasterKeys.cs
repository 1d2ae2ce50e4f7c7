using System.Security.Cryptography;

namespace Verilock.Infrastructure.Security;

/// <summary>
/// The 256-bit master keys that encrypt data at rest (webhook secrets, media). Each comes from configuration
/// (base64) or, when none is configured, from a key file generated once in the data folder, readable only by
/// its owner, so a single-host install is encrypted at rest with no set-up.
/// </summary>
public static class MasterKeys
{
    public const int KeyBytes = 32;

    /// <param name="configuredKey">Base64 of 32 bytes, or empty to use (and on first use create) <paramref name="keyFilePath"/>.</param>
    public static byte[] Load(string? configuredKey, string keyFilePath) =>
        string.IsNullOrEmpty(configuredKey) ? LoadOrCreateKeyFile(keyFilePath) : Decode(configuredKey, "the configured key");

    /// <summary>Whether <paramref name="configuredKey"/> is empty or valid, for start-up validation.</summary>
    public static bool IsValidOrEmpty(string? configuredKey)
    {
        if (string.IsNullOrEmpty(configuredKey))
            return true;
        var buffer = new byte[KeyBytes + 3];
        return Convert.TryFromBase64String(configuredKey, buffer, out var written) && written == KeyBytes;
    }

    /// <summary>Reads the key file, creating it (owner-only) on first use; concurrent first starts agree on one file.</summary>
    private static byte[] LoadOrCreateKeyFile(string path)
    {
        if (!File.Exists(path))
        {
            try
            {
                CreateKeyFile(path);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first: its key is the one.
            }
        }
        return ReadKeyFile(path);
    }

    /// <summary>Writes a new random key to <paramref name="path"/>, which must not exist yet.</summary>
    /// <exception cref="IOException">The file exists already.</exception>
    public static void CreateKeyFile(string path)
    {
        OwnerOnlyFolder.Create(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        // Owner-only from the first byte: a mode set after writing leaves a moment when others could read the key.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(temporary, options))
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)));
        try
        {
            File.Move(temporary, path, overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    public static byte[] ReadKeyFile(string path) => Decode(File.ReadAllText(path).Trim(), path);

    private static byte[] Decode(string base64, string source)
    {
        var key = Convert.FromBase64String(base64);
        return key.Length == KeyBytes ? key : throw new InvalidOperationException($"{source} must hold the base64 of {KeyBytes} bytes.");
    }
}
