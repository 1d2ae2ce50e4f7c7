using System.Globalization;
using System.Security.Cryptography;

namespace Verilock.Infrastructure.Security;

/// <summary>
/// The master keys of one purpose (media, webhook secrets, the dashboard's key ring), each with a numeric id that
/// every ciphertext written from now on carries, so a key can be replaced without re-encrypting everything at once.
/// Key 0 is the original key (configured, or the key file <c>NAME.key</c>): ciphertexts from before key ids are
/// its. Rotated keys are the files <c>NAME.key.1</c>, <c>NAME.key.2</c>, … beside it, owner-only from the first
/// byte; the highest id present encrypts, every present id decrypts.
/// <para>
/// A running server learns of a key another process (<c>keys rotate-master</c>) added without a restart: a
/// ciphertext naming an id it does not know makes it look for key files again, and it checks for a newer current
/// key at most every <see cref="RefreshInterval"/> when encrypting.
/// </para>
/// </summary>
public sealed class MasterKeyRing
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    private readonly string? _configuredKey;
    private readonly string _keyFilePath;
    private readonly Lock _lock = new();
    private Snapshot? _snapshot;

    /// <summary>What was read from configuration and the key files at <see cref="CheckedAt"/>, swapped whole.</summary>
    private sealed record Snapshot(IReadOnlyDictionary<int, byte[]> Keys, int CurrentId, long CheckedAt);

    /// <param name="configuredKey">Base64 of 32 bytes for key 0, or empty to use (and on first use create) <paramref name="keyFilePath"/>.</param>
    public MasterKeyRing(string? configuredKey, string keyFilePath)
    {
        _configuredKey = configuredKey;
        _keyFilePath = keyFilePath;
    }

    /// <summary>The key that encrypts now, and its id.</summary>
    public (int Id, byte[] Key) Current
    {
        get
        {
            var snapshot = Volatile.Read(ref _snapshot) ?? Reload();
            if (Environment.TickCount64 - snapshot.CheckedAt >= (long)RefreshInterval.TotalMilliseconds)
                snapshot = Reload();
            return (snapshot.CurrentId, snapshot.Keys[snapshot.CurrentId]);
        }
    }

    /// <summary>The key with this id, looking for key files again if it is not known yet.</summary>
    /// <exception cref="CryptographicException">No such key here (a key file missing on this host).</exception>
    public byte[] Get(int id)
    {
        if ((Volatile.Read(ref _snapshot) ?? Reload()).Keys.TryGetValue(id, out var key) || Reload().Keys.TryGetValue(id, out key))
            return key;
        throw new CryptographicException($"Master key {id} of {Path.GetFileName(_keyFilePath)} is not present on this host.");
    }

    /// <summary>The ids present, oldest first.</summary>
    public IReadOnlyList<int> Ids() => [.. Reload().Keys.Keys.Order()];

    /// <summary>Creates the next key file (owner-only) and returns its id; from then on it is current here.</summary>
    public int Rotate()
    {
        lock (_lock)
        {
            var id = Reload().Keys.Keys.Max() + 1;
            MasterKeys.CreateKeyFile(FileOf(id));
            return Reload().Keys.ContainsKey(id) ? id : throw new InvalidOperationException("The new key file could not be read back.");
        }
    }

    private Snapshot Reload()
    {
        lock (_lock)
        {
            var keys = new Dictionary<int, byte[]> { [0] = MasterKeys.Load(_configuredKey, _keyFilePath) };
            var folder = Path.GetDirectoryName(Path.GetFullPath(_keyFilePath))!;
            var stem = Path.GetFileName(_keyFilePath) + ".";
            // A configured key 0 needs no data folder; without one there are no rotated keys either.
            var files = Directory.Exists(folder) ? Directory.EnumerateFiles(folder, stem + "*") : [];
            foreach (var path in files)
            {
                // The pattern also matches the stem without its dot (key 0's own file): skip what is not stem + id.
                var name = Path.GetFileName(path);
                if (!name.StartsWith(stem, StringComparison.Ordinal))
                    continue;
                var suffix = name[stem.Length..];
                if (int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
                    && suffix == id.ToString(CultureInfo.InvariantCulture))
                    keys[id] = MasterKeys.ReadKeyFile(path);
            }
            var snapshot = new Snapshot(keys, keys.Keys.Max(), Environment.TickCount64);
            Volatile.Write(ref _snapshot, snapshot);
            return snapshot;
        }
    }

    private string FileOf(int id) => $"{_keyFilePath}.{id.ToString(CultureInfo.InvariantCulture)}";
}
