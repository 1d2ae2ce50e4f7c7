using System.Buffers;
using System.IO.Compression;
using System.Runtime.InteropServices;

namespace Verilock.Checks.Documents;

/// <summary>
/// Counts what a FlateDecode stream inflates to without keeping it: the output goes through one small rented buffer,
/// so a stream that inflates to a gigabyte costs 64 KiB of memory and stops being read as soon as it passes the limit.
/// </summary>
internal static class BoundedInflate
{
    const int BlockLength = 64 * 1024;

    /// <summary>
    /// The inflated length, or <paramref name="limit"/> + 1 as soon as it is known to be larger. The input is read as
    /// PdfPig reads it (two zlib header bytes skipped, raw deflate after); a damaged stream counts what inflated before
    /// the damage, which is what PdfPig keeps of it.
    /// </summary>
    public static long Count(ReadOnlyMemory<byte> zlib, long limit)
    {
        if (zlib.Length < 2)
            return 0;
        var block = ArrayPool<byte>.Shared.Rent(BlockLength);
        long total = 0;
        try
        {
            using var compressed = ReadOnlyStream(zlib[2..]);
            using var deflate = new DeflateStream(compressed, CompressionMode.Decompress);
            int read;
            while ((read = ReadBlock(deflate, block)) > 0)
            {
                total += read;
                if (total > limit)
                    return limit + 1;
            }
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(block);
        }
    }

    /// <summary>A stream over the bytes themselves where they are an array (PdfPig's always are), else over a copy.</summary>
    static MemoryStream ReadOnlyStream(ReadOnlyMemory<byte> bytes) =>
        MemoryMarshal.TryGetArray(bytes, out var segment)
            ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);

    static int ReadBlock(DeflateStream deflate, byte[] block)
    {
        try
        {
            return deflate.Read(block, 0, block.Length);
        }
        catch (InvalidDataException)
        {
            return 0;
        }
    }
}
