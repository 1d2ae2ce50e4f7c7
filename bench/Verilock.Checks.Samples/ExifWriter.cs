using System.Buffers.Binary;
using OpenCvSharp;

namespace Verilock.Checks.Samples;

/// <summary>
/// Makes what a phone uploads (for the orientation tests and the hostile sample set): the pixels stored turned the way the sensor was held, and an EXIF Orientation tag
/// saying how to turn them back. The stored pixels are made with OpenCV here, independently of the decoder's own
/// mapping, so a wrong mapping there cannot be cancelled by the same mistake here.
/// </summary>
public static class ExifWriter
{
    /// <summary>The pixels a camera stores for an upright scene when it tags them with <paramref name="orientation"/>.</summary>
    public static Mat StoredAs(Mat upright, int orientation)
    {
        var stored = new Mat();
        switch (orientation)
        {
            case 1: upright.CopyTo(stored); break;
            case 2: Cv2.Flip(upright, stored, FlipMode.Y); break;
            case 3: Cv2.Flip(upright, stored, FlipMode.XY); break;
            case 4: Cv2.Flip(upright, stored, FlipMode.X); break;
            case 5: Cv2.Transpose(upright, stored); break;
            // Tag 6 means "turn 90° clockwise to view", so the sensor stored the scene turned counter-clockwise.
            case 6: Cv2.Transpose(upright, stored); Cv2.Flip(stored, stored, FlipMode.X); break;
            case 7: Cv2.Transpose(upright, stored); Cv2.Flip(stored, stored, FlipMode.XY); break;
            case 8: Cv2.Transpose(upright, stored); Cv2.Flip(stored, stored, FlipMode.Y); break;
            default: throw new ArgumentOutOfRangeException(nameof(orientation));
        }
        return stored;
    }

    /// <summary>A JPEG of the upright image stored as a camera tagging <paramref name="orientation"/> would store it.</summary>
    public static byte[] TaggedJpeg(Mat upright, int orientation, bool littleEndian = true, int quality = 95)
    {
        using var stored = StoredAs(upright, orientation);
        return WithExif(stored.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality)), orientation, littleEndian);
    }

    /// <summary>The JPEG with an APP1 EXIF segment holding only IFD0's Orientation, right after SOI as EXIF requires.</summary>
    public static byte[] WithExif(byte[] jpeg, int orientation, bool littleEndian = true)
    {
        var tiff = Tiff(orientation, littleEndian);
        var segment = new byte[4 + 6 + tiff.Length];
        segment[0] = 0xFF;
        segment[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), (ushort)(segment.Length - 2));
        "Exif\0\0"u8.CopyTo(segment.AsSpan(4));
        tiff.CopyTo(segment.AsSpan(10));
        return [.. jpeg[..2], .. segment, .. jpeg[2..]];
    }

    /// <summary>The PNG with an <c>eXIf</c> chunk (PNG 1.5 extension) after IHDR, CRC and all, so libpng keeps it.</summary>
    public static byte[] WithExifChunk(byte[] png, int orientation)
    {
        var tiff = Tiff(orientation, littleEndian: false);
        var chunk = new byte[12 + tiff.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)tiff.Length);
        "eXIf"u8.CopyTo(chunk.AsSpan(4));
        tiff.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + tiff.Length), Crc32(chunk.AsSpan(4, 4 + tiff.Length)));
        const int afterHeader = 8 + 25;
        return [.. png[..afterHeader], .. chunk, .. png[afterHeader..]];
    }

    /// <summary>A TIFF header and an IFD0 with one entry: Orientation (0x0112), SHORT, count 1.</summary>
    public static byte[] Tiff(int orientation, bool littleEndian)
    {
        var tiff = new byte[8 + 2 + 12 + 4];
        void U16(int at, int value) { if (littleEndian) BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)value); else BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), (ushort)value); }
        void U32(int at, uint value) { if (littleEndian) BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at), value); else BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), value); }
        tiff[0] = tiff[1] = littleEndian ? (byte)'I' : (byte)'M';
        U16(2, 42);
        U32(4, 8);
        U16(8, 1);
        U16(10, 0x0112);
        U16(12, 3);
        U32(14, 1);
        U16(18, orientation);
        return tiff;
    }

    static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }
}
