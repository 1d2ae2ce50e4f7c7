using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests.Orientation;

/// <summary>The EXIF reader on well-formed tags in both byte orders and on damaged or hostile bytes: 1, never an exception.</summary>
public sealed class ExifOrientationTests
{
    static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x04, 0x00, 0x00, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9];

    static byte[] App1(byte[] payload)
    {
        byte[] header = [0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2)];
        return [.. Jpeg[..2], .. header, .. payload, .. Jpeg[2..]];
    }

    static byte[] ExifPayload(byte[] tiff) => [.. "Exif\0\0"u8, .. tiff];

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Reads_every_orientation_in_both_byte_orders(bool littleEndian)
    {
        for (var orientation = 1; orientation <= 8; orientation++)
            Assert.Equal(orientation, ExifOrientation.Read(ExifWriter.WithExif(Jpeg, orientation, littleEndian)));
    }

    [Fact]
    public void Finds_the_tag_after_a_jfif_segment_and_among_other_entries()
    {
        // IFD0 with Make (0x010F) first, then Orientation = 8, big-endian.
        byte[] tiff =
        [
            (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8,
            0, 2,
            0x01, 0x0F, 0, 2, 0, 0, 0, 4, (byte)'A', (byte)'B', (byte)'C', 0,
            0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0,
            0, 0, 0, 0,
        ];
        byte[] jfif = [0xFF, 0xE0, 0x00, 0x07, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0];
        var withExif = App1(ExifPayload(tiff));
        byte[] file = [.. withExif[..2], .. jfif, .. withExif[2..]];

        Assert.Equal(8, ExifOrientation.Read(file));
    }

    [Fact]
    public void A_file_without_the_tag_is_upright()
    {
        var tiff = ExifWriter.Tiff(6, littleEndian: true);
        tiff[10] = 0x10; // the entry is now tag 0x0110 (Model), not Orientation
        Assert.Equal(1, ExifOrientation.Read(App1(ExifPayload(tiff))));
        Assert.Equal(1, ExifOrientation.Read(Jpeg));
        Assert.Equal(1, ExifOrientation.Read(App1([.. "XMP\0"u8, 1, 2, 3])));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    [InlineData(0xFFFF)]
    public void A_value_outside_one_to_eight_is_upright(int value) =>
        Assert.Equal(1, ExifOrientation.Read(ExifWriter.WithExif(Jpeg, value)));

    [Fact]
    public void A_tag_of_the_wrong_type_or_count_is_upright()
    {
        var wrongType = ExifWriter.Tiff(6, littleEndian: true);
        wrongType[12] = 4; // LONG
        var wrongCount = ExifWriter.Tiff(6, littleEndian: true);
        wrongCount[14] = 2;
        Assert.Equal(1, ExifOrientation.Read(App1(ExifPayload(wrongType))));
        Assert.Equal(1, ExifOrientation.Read(App1(ExifPayload(wrongCount))));
    }

    [Fact]
    public void A_truncated_segment_is_upright_at_every_length()
    {
        var whole = ExifWriter.WithExif(Jpeg, 6);
        // Every prefix of the file, and every prefix of the TIFF block inside an intact segment.
        for (var length = 0; length < whole.Length; length++)
            Assert.InRange(ExifOrientation.Read(whole.AsSpan(0, length)), 1, 8);
        var tiff = ExifWriter.Tiff(6, littleEndian: true);
        for (var length = 0; length < tiff.Length - 5; length++)
            Assert.Equal(1, ExifOrientation.Read(App1(ExifPayload(tiff[..length]))));
    }

    [Fact]
    public void A_segment_length_past_the_end_of_the_file_is_upright()
    {
        var file = ExifWriter.WithExif(Jpeg, 6);
        file[4] = 0xFF; // APP1 length 0xFF22: far past the end
        Assert.Equal(1, ExifOrientation.Read(file));
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(7u)]
    [InlineData(25u)]
    [InlineData(0xFFFFFFF0u)]
    [InlineData(uint.MaxValue)]
    public void An_ifd_offset_outside_the_segment_is_upright(uint offset)
    {
        var tiff = ExifWriter.Tiff(6, littleEndian: true);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(4), offset);
        Assert.Equal(1, ExifOrientation.Read(App1(ExifPayload(tiff))));
    }

    [Fact]
    public void An_entry_count_larger_than_the_segment_reads_only_what_is_there()
    {
        var tiff = ExifWriter.Tiff(6, littleEndian: true);
        tiff[8] = tiff[9] = 0xFF; // 65,535 entries claimed, one present
        Assert.Equal(6, ExifOrientation.Read(App1(ExifPayload(tiff))));
        tiff[10] = 0x10;
        Assert.Equal(1, ExifOrientation.Read(App1(ExifPayload(tiff))));
    }

    [Fact]
    public void Garbage_never_throws()
    {
        var random = new Random(20);
        for (var i = 0; i < 2000; i++)
        {
            var file = new byte[random.Next(0, 200)];
            random.NextBytes(file);
            if (i % 2 == 0 && file.Length >= 12)
            {
                // Keep a plausible JPEG + APP1 + "Exif" start so the TIFF parser sees the noise too.
                byte[] start = [0xFF, 0xD8, 0xFF, 0xE1, 0x00, (byte)(file.Length - 4), (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0, 0];
                start.CopyTo(file, 0);
            }
            Assert.InRange(ExifOrientation.Read(file), 1, 8);
        }
    }

    [Fact]
    public void Reads_a_png_exif_chunk_and_ignores_a_damaged_one()
    {
        byte[] png =
        [
            0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A,
            0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82,
        ];
        var tagged = ExifWriter.WithExifChunk(png, 7);
        Assert.Equal(7, ExifOrientation.Read(tagged));
        Assert.Equal(1, ExifOrientation.Read(png));
        tagged[33 + 3] = 0xF0; // the eXIf chunk's length now runs past the file
        Assert.Equal(1, ExifOrientation.Read(tagged));
    }
}
