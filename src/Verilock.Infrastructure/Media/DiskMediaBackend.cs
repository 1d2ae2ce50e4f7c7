using Verilock.Infrastructure.Security;

namespace Verilock.Infrastructure.Media;

/// <summary>
/// Media as files under one folder (the embedded default), fanned out by the key's first two characters so no
/// folder grows huge. A file appears whole or not at all: it is written under a temporary name and renamed.
/// </summary>
public sealed class DiskMediaBackend(string root) : IMediaBackend
{
    public async Task PutAsync(string storageKey, byte[] sealedBytes, CancellationToken cancellationToken)
    {
        var path = PathOf(storageKey);
        OwnerOnlyFolder.Create(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            await using (var file = new FileStream(temporary, options))
            {
                await file.WriteAsync(sealedBytes, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }
            File.Move(temporary, path);
        }
        catch
        {
            // A full disk fails the write half-way: the partial file must not stay behind taking space.
            File.Delete(temporary);
            throw;
        }
    }

    public async Task<byte[]?> GetAsync(string storageKey, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllBytesAsync(PathOf(storageKey), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    public Task DeleteAsync(IReadOnlyCollection<string> storageKeys, CancellationToken cancellationToken)
    {
        foreach (var key in storageKeys)
            File.Delete(PathOf(key));
        return Task.CompletedTask;
    }

    private string PathOf(string storageKey)
    {
        // Keys are our own random hex; refusing anything else keeps a bad key from naming a path outside the root.
        if (storageKey.Length < 8 || !storageKey.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("Not a media storage key.", nameof(storageKey));
        return Path.Combine(root, storageKey[..2], storageKey);
    }
}
