using System.Buffers.Binary;

namespace Verilock.Checks.Documents;

/// <summary>
/// The EXIF Orientation tag (0x0112) of a JPEG (APP1 "Exif\0\0") or PNG (<c>eXIf</c> chunk): how the stored pixels
/// must be turned to show the photo the way the phone's user held it. Hand-written rather than a library because
/// it is one tag in IFD0 and the input is hostile: every offset is bounds-checked against the segment it lives in,
/// every loop is bounded by the bytes it walks, nothing allocates and nothing throws. Anything absent, damaged or
/// out of range reads as 1 (stored upright), which is what a decoder that ignores EXIF would show.
/// </summary>
internal static class ExifOrientation
{
    public const int Upright = 1;

    const ushort OrientationTag = 0x0112;
    const ushort TypeShort = 3;

    static ReadOnlySpan<byte> ExifPrefix => "Exif\0\0"u8;
    static ReadOnlySpan<byte> PngSignature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The orientation, 1–8; 1 when the file has none or it cannot be trusted.</summary>
    public static int Read(ReadOnlySpan<byte> file)
    {
        if (file.Length >= 4 && file[0] == 0xFF && file[1] == 0xD8)
            return FromJpeg(file);
        if (file.StartsWith(PngSignature))
            return FromPng(file);
        return Upright;
    }

    /// <summary>The marker segments before the scan data (EXIF must precede it): the first APP1 that is EXIF decides, as it does for libjpeg users.</summary>
    static int FromJpeg(ReadOnlySpan<byte> file)
    {
        var segments = new JpegSegments(file);
        while (segments.MoveNext())
        {
            if (segments.Marker == 0xD9 || segments.Start + 2 + segments.Length > file.Length)
                return Upright;
            var payload = file.Slice(segments.Start + 4, segments.Length - 2);
            if (segments.Marker == 0xE1 && payload.StartsWith(ExifPrefix))
                return FromTiff(payload[ExifPrefix.Length..]);
        }
        return Upright;
    }

    /// <summary>PNG chunks are length, type, data, CRC; a length running past the file ends the walk (PNG spec §5.3).</summary>
    static int FromPng(ReadOnlySpan<byte> file)
    {
        var at = PngSignature.Length;
        while (at + 12 <= file.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(file.Slice(at, 4));
            if (length > (uint)(file.Length - at - 12))
                return Upright;
            var type = file.Slice(at + 4, 4);
            var data = file.Slice(at + 8, (int)length);
            if (type.SequenceEqual("eXIf"u8))
                // Some writers copy the JPEG APP1 payload, prefix included; the chunk is meant to start at the TIFF header.
                return FromTiff(data.StartsWith(ExifPrefix) ? data[ExifPrefix.Length..] : data);
            if (type.SequenceEqual("IEND"u8))
                return Upright;
            at += 12 + (int)length;
        }
        return Upright;
    }

    /// <summary>
    /// A TIFF header ("II" little-endian or "MM" big-endian, 42, offset of IFD0) and IFD0's 12-byte entries. All
    /// offsets are relative to the header and must land inside <paramref name="tiff"/>; the entry count is capped by
    /// the bytes actually there, so a count of 65,535 in a 100-byte segment reads at most 7 entries.
    /// </summary>
    static int FromTiff(ReadOnlySpan<byte> tiff)
    {
        if (tiff.Length < 8)
            return Upright;
        bool little;
        if (tiff[0] == (byte)'I' && tiff[1] == (byte)'I')
            little = true;
        else if (tiff[0] == (byte)'M' && tiff[1] == (byte)'M')
            little = false;
        else
            return Upright;
        if (U16(tiff[2..], little) != 42)
            return Upright;
        var ifd = U32(tiff[4..], little);
        if (ifd < 8 || ifd > (uint)tiff.Length - 2)
            return Upright;
        var entries = tiff[((int)ifd + 2)..];
        var count = Math.Min(U16(tiff[(int)ifd..], little), entries.Length / 12);
        for (var i = 0; i < count; i++)
        {
            var entry = entries.Slice(i * 12, 12);
            if (U16(entry, little) != OrientationTag)
                continue;
            // One SHORT fits in the entry's value field, left-justified; anything else is not a valid orientation.
            if (U16(entry[2..], little) != TypeShort || U32(entry[4..], little) != 1)
                return Upright;
            var value = U16(entry[8..], little);
            return value is >= 1 and <= 8 ? value : Upright;
        }
        return Upright;
    }

    static ushort U16(ReadOnlySpan<byte> at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(at) : BinaryPrimitives.ReadUInt16BigEndian(at);

    static uint U32(ReadOnlySpan<byte> at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(at) : BinaryPrimitives.ReadUInt32BigEndian(at);
}
