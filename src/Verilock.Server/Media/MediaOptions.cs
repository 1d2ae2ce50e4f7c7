using Verilock.Infrastructure.Security;

namespace Verilock.Server.Media;

/// <summary>The <c>Verilock:Media</c> section: where uploaded images are kept and the key that encrypts them.</summary>
public sealed class MediaOptions
{
    public const string Disk = "disk";
    public const string Database = "database";
    public const string Auto = "auto";

    /// <summary>
    /// <c>disk</c> (files under <see cref="Path"/>), <c>database</c> (the <c>media_blobs</c> table, shared by every
    /// instance using the database), or <c>auto</c>: database on PostgreSQL, disk on SQLite.
    /// </summary>
    public string Store { get; set; } = Auto;

    /// <summary>The folder of the disk store; default <c>&lt;DataDir&gt;/media</c>.</summary>
    public string? Path { get; set; }

    /// <summary>
    /// Base64 of the 32-byte master key. Empty: a key file <c>media.key</c> generated once in the data folder.
    /// Instances sharing media must share the key; losing it makes the stored images unreadable.
    /// </summary>
    public string? Key { get; set; }

    public const string KeyFileName = "media.key";

    public bool UsesDatabase(bool postgres) => Store == Database || (Store == Auto && postgres);

    public IEnumerable<string> Problems()
    {
        if (Store is not (Disk or Database or Auto))
            yield return "Verilock:Media:Store must be auto, disk or database.";
        if (!MasterKeys.IsValidOrEmpty(Key))
            yield return "Verilock:Media:Key must be the base64 of exactly 32 bytes.";
    }
}
