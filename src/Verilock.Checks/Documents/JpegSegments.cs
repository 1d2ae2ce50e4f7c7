using System.Buffers.Binary;

namespace Verilock.Checks.Documents;

/// <summary>
/// Walks a JPEG's marker segments from the start of the file up to the scan data (SOS), which is where the header
/// reader finds the frame size and the EXIF reader the orientation. Fill bytes and the length-less markers are
/// skipped; the walk stops at anything that is not a marker or at a length under two, and every step moves forward,
/// so it ends within the file whatever the bytes are. A segment's declared length may run past the end of the file:
/// callers check before reading its payload.
/// </summary>
internal ref struct JpegSegments(ReadOnlySpan<byte> file)
{
    private readonly ReadOnlySpan<byte> _file = file;
    private int _next = 2;

    /// <summary>The current segment's marker byte (the one after 0xFF).</summary>
    public byte Marker { get; private set; }

    /// <summary>Where the current segment's 0xFF is.</summary>
    public int Start { get; private set; }

    /// <summary>The current segment's length field: its length bytes and payload, not the marker.</summary>
    public int Length { get; private set; }

    public bool MoveNext()
    {
        while (_next + 4 <= _file.Length)
        {
            if (_file[_next] != 0xFF)
                return false;
            var marker = _file[_next + 1];
            if (marker == 0xFF) { _next++; continue; }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7)) { _next += 2; continue; }
            if (marker == 0xDA)
                return false;
            var length = BinaryPrimitives.ReadUInt16BigEndian(_file.Slice(_next + 2, 2));
            if (length < 2)
                return false;
            (Marker, Start, Length) = (marker, _next, length);
            _next += 2 + length;
            return true;
        }
        return false;
    }
}
