using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Verilock.Checks.Samples;

/// <summary>Where a PDF bomb hides its stream.</summary>
public enum BombStream
{
    /// <summary>The page's image XObject: a 1,000 × 1,000 grey image (well under the pixel limit) whose samples inflate far past it.</summary>
    Image,

    /// <summary>The page's content stream, which any PDF reader decodes to find what the page draws.</summary>
    Content,

    /// <summary>
    /// The cross-reference stream (PDF 1.5), which a reader inflates while opening the file, before any page: its
    /// entries are zeros (free objects), so a lenient reader then finds the objects by scanning the file.
    /// </summary>
    CrossReference,
}

/// <summary>
/// Valid files that are small on disk and huge once decoded, for the decoder budgets. They are written a block at a
/// time so building one costs the compressed size, never the inflated one.
/// </summary>
public static class DecompressionBombs
{
    public const long GiB = 1024L * 1024 * 1024;

    /// <summary>
    /// A one-page PDF whose FlateDecode stream (image or content) inflates to <paramref name="inflatedBytes"/> of zeros.
    /// At 1 GiB the file is about 1 MiB (deflate's best is about 1,000 to 1).
    /// </summary>
    public static byte[] Pdf(long inflatedBytes, BombStream where = BombStream.Image)
    {
        var bomb = ZlibZeros(inflatedBytes);
        var image = where == BombStream.Image ? bomb : ZlibZeros(1000L * 1000);
        if (where == BombStream.CrossReference)
            image = ZlibZeros(1000L * 1000);
        var content = where == BombStream.Content ? bomb : Encoding.ASCII.GetBytes("q 500 0 0 500 50 150 cm /Im1 Do Q\n");
        var contentFilter = where == BombStream.Content ? " /Filter /FlateDecode" : "";

        using var file = new MemoryStream();
        var offsets = new List<long>();
        void Text(string text) => file.Write(Encoding.ASCII.GetBytes(text));
        void Object(string dictionary, byte[]? stream = null)
        {
            offsets.Add(file.Position);
            Text($"{offsets.Count} 0 obj\n{dictionary}");
            if (stream is not null)
            {
                Text("\nstream\n");
                file.Write(stream);
                Text("\nendstream");
            }
            Text("\nendobj\n");
        }

        Text("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n");
        Object("<< /Type /Catalog /Pages 2 0 R >>");
        Object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
        Object("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>");
        Object($"<< /Length {content.Length}{contentFilter} >>", content);
        Object($"<< /Type /XObject /Subtype /Image /Width 1000 /Height 1000 /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length {image.Length} >>", image);
        var xref = file.Position;
        if (where == BombStream.CrossReference)
        {
            Object($"<< /Type /XRef /Size {offsets.Count + 2} /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length {bomb.Length} >>", bomb);
            Text($"startxref\n{xref}\n%%EOF\n");
            return file.ToArray();
        }
        Text($"xref\n0 {offsets.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
            Text($"{offset:D10} 00000 n \n");
        Text($"trailer\n<< /Size {offsets.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        return file.ToArray();
    }

    /// <summary>
    /// A well-formed greyscale PNG of <paramref name="width"/> × <paramref name="height"/> black pixels: real, decodable
    /// data behind the header (unlike a header that only claims a size), a few hundred kilobytes for 64 megapixels.
    /// </summary>
    public static byte[] Png(int width, int height)
    {
        using var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 0; // greyscale
        PngChunk(file, "IHDR", header);
        // Each row is a filter byte (0, none) and its samples: all zeros, so the stream is zeros throughout.
        PngChunk(file, "IDAT", ZlibZeros((long)height * (width + 1)));
        PngChunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>zlib (RFC 1950) data inflating to <paramref name="length"/> zeros, compressed 1 MiB at a time.</summary>
    public static byte[] ZlibZeros(long length)
    {
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var block = new byte[1024 * 1024];
            for (var left = length; left > 0; left -= block.Length)
                zlib.Write(block, 0, (int)Math.Min(block.Length, left));
        }
        return compressed.ToArray();
    }

    static void PngChunk(Stream file, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        file.Write(number);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        file.Write(typeBytes);
        file.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32([.. typeBytes, .. data]));
        file.Write(number);
    }

    /// <summary>The CRC-32 of PNG chunks (ISO 3309, reflected 0xEDB88320), bit by bit: the test files are small.</summary>
    static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
