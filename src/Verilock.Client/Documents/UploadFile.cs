namespace Verilock.Client;

/// <summary>
/// A file to upload, from a path, a stream or bytes. The bytes are read once, when the call starts, and kept for its
/// retries: a retry sends the very same file, which the server's idempotency fingerprint (spec §5: file SHA-256s)
/// requires. Files are capped at 10 MiB by the server, so holding one in memory is bounded.
/// </summary>
public sealed class UploadFile
{
    /// <summary>The server's per-file limit (spec §3, 413 above it).</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    private readonly Func<CancellationToken, Task<byte[]>> _read;

    private UploadFile(string fileName, Func<CancellationToken, Task<byte[]>> read)
    {
        FileName = fileName;
        _read = read;
    }

    /// <summary>The name the server records (spec §8.4 <c>files</c>); it never decides the type, the bytes do.</summary>
    public string FileName { get; }

    /// <summary>The file at <paramref name="path"/>, read when the upload starts.</summary>
    public static UploadFile FromPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new UploadFile(Path.GetFileName(path), async cancellationToken =>
        {
            var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 81920, useAsync: true);
            await using (file.ConfigureAwait(false))
                return await ReadCappedAsync(file, cancellationToken).ConfigureAwait(false);
        });
    }

    /// <summary>
    /// The rest of <paramref name="stream"/> from its current position, read when the upload starts. The stream is not
    /// closed: it is the caller's.
    /// </summary>
    public static UploadFile FromStream(Stream stream, string fileName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        return new UploadFile(fileName, cancellationToken => ReadCappedAsync(stream, cancellationToken));
    }

    /// <summary>Bytes already in memory (copied, so later changes to the array do not change the upload).</summary>
    public static UploadFile FromBytes(ReadOnlySpan<byte> bytes, string fileName)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        if (bytes.Length > MaxBytes)
            throw new ArgumentException($"The file is larger than the server accepts ({MaxBytes} bytes).", nameof(bytes));
        var copy = bytes.ToArray();
        return new UploadFile(fileName, _ => Task.FromResult(copy));
    }

    internal Task<byte[]> ReadAsync(CancellationToken cancellationToken) => _read(cancellationToken);

    /// <summary>Reads at most one byte past the limit, so a huge file fails here instead of being buffered whole.</summary>
    private static async Task<byte[]> ReadCappedAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw new ArgumentException($"The file is larger than the server accepts ({MaxBytes} bytes).", nameof(stream));
            await buffer.WriteAsync(chunk.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }
        return buffer.ToArray();
    }
}
