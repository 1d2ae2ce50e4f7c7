using System.Buffers.Binary;

namespace Verilock.Checks.Documents;

internal enum UploadKind { Jpeg, Png, Pdf }

/// <summary>
/// What an upload's first bytes say it is, and for images their declared size, read without decoding
/// anything: a PNG that declares 50,000 × 50,000 pixels is refused here, before a decoder allocates 7 GB.
/// </summary>
internal readonly record struct UploadHeader(UploadKind Kind, int Width, int Height)
{
    static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];
    static ReadOnlySpan<byte> PngEnd => [(byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82];
    static ReadOnlySpan<byte> PdfSignature => "%PDF-"u8;

    public long Pixels => (long)Width * Height;

    /// <summary>Returns the header, or a sentence saying why the bytes are not an upload we read.</summary>
    public static UploadHeader? Read(ReadOnlySpan<byte> file, out string? problem)
    {
        problem = null;
        if (file.IsEmpty)
        {
            problem = "The file is empty.";
            return null;
        }
        if (file.StartsWith(PdfSignature))
            return new UploadHeader(UploadKind.Pdf, 0, 0);
        if (file.StartsWith(PngSignature))
            return ReadPng(file, out problem);
        if (file.Length >= 3 && file[0] == 0xFF && file[1] == 0xD8 && file[2] == 0xFF)
            return ReadJpeg(file, out problem);
        problem = "The file is not a JPEG, PNG or PDF.";
        return null;
    }

    /// <summary>The first chunk of a PNG must be IHDR, whose first fields are width and height (PNG spec §11.2.2).</summary>
    static UploadHeader? ReadPng(ReadOnlySpan<byte> file, out string? problem)
    {
        problem = null;
        if (file.Length < 24 || !file.Slice(12, 4).SequenceEqual("IHDR"u8))
        {
            problem = "The PNG file is damaged: its header is missing.";
            return null;
        }
        var width = BinaryPrimitives.ReadUInt32BigEndian(file.Slice(16, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(file.Slice(20, 4));
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
        {
            problem = "The PNG file is damaged: it declares an impossible size.";
            return null;
        }
        if (!file.EndsWith(PngEnd))
        {
            problem = "The PNG file is truncated: it has no end marker.";
            return null;
        }
        return new UploadHeader(UploadKind.Png, (int)width, (int)height);
    }

    /// <summary>
    /// Walks the JPEG marker segments up to the start-of-frame, which holds the size. A file without the
    /// end-of-image marker is refused: libjpeg would decode a truncated upload as a half-grey picture.
    /// </summary>
    static UploadHeader? ReadJpeg(ReadOnlySpan<byte> file, out string? problem)
    {
        problem = null;
        if (!HasEndOfImage(file))
        {
            problem = "The JPEG file is truncated: it has no end marker.";
            return null;
        }
        var segments = new JpegSegments(file);
        while (segments.MoveNext())
        {
            var at = segments.Start;
            if (IsStartOfFrame(segments.Marker) && at + 9 <= file.Length)
            {
                var height = BinaryPrimitives.ReadUInt16BigEndian(file.Slice(at + 5, 2));
                var width = BinaryPrimitives.ReadUInt16BigEndian(file.Slice(at + 7, 2));
                if (width == 0 || height == 0)
                    break;
                return new UploadHeader(UploadKind.Jpeg, width, height);
            }
        }
        problem = "The JPEG file is damaged: it has no readable frame header.";
        return null;
    }

    /// <summary>SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range.</summary>
    static bool IsStartOfFrame(byte marker) => marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;

    /// <summary>Some cameras append padding or a second image after the main one, so look a little back from the end.</summary>
    static bool HasEndOfImage(ReadOnlySpan<byte> file)
    {
        var tail = file[Math.Max(0, file.Length - 4096)..];
        for (var i = tail.Length - 2; i >= 0; i--)
            if (tail[i] == 0xFF && tail[i + 1] == 0xD9)
                return true;
        return false;
    }
}
