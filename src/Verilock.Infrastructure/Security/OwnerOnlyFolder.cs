namespace Verilock.Infrastructure.Security;

/// <summary>
/// Folders that hold personal data or keys (the data folder, the media store, key files' folders): created readable by
/// their owner only, and a data folder found open to other users is closed. Other users of the machine have no business
/// reading an identity-verification server's database, even encrypted media or its write-ahead log.
/// </summary>
public static class OwnerOnlyFolder
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupAndOthers =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder (and missing parents) mode 0700 if it is absent; an existing folder is left as it is.</summary>
    public static void Create(string path)
    {
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(path);
        else if (!Directory.Exists(path))
            Directory.CreateDirectory(path, OwnerOnly);
    }

    /// <summary>
    /// <see cref="Create"/>, then takes group and other permissions off the folder when this process owns it (a folder an
    /// operator gave to a service user and group on purpose, owned by someone else, is not ours to change).
    /// </summary>
    public static void CreateAndClose(string path)
    {
        Create(path);
        if (OperatingSystem.IsWindows())
            return;
        try
        {
            var mode = File.GetUnixFileMode(path);
            if ((mode & GroupAndOthers) != 0)
                File.SetUnixFileMode(path, mode & ~GroupAndOthers);
        }
        catch (UnauthorizedAccessException)
        {
            // Not the owner: the operator decided this folder's permissions.
        }
    }
}
