using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests;

/// <summary>
/// A few photos of the hostile development set (bench/mrz-read.sh), rendered here from fixed seeds, that the reader
/// of before issue 20 did not read at all: a zone under dense guilloche and rosettes, guilloche with a watermark
/// over it, a page on a cluttered table among papers full of print, and a photo saved mirrored. Each must read exactly: valid, with the rendered number, birth date and expiry.
/// </summary>
public sealed class HostilePhotoTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    public static TheoryData<string, int> Photos() => new()
    {
        { "guilloche", 1 },
        { "guilloche+watermark", 1 },
        { "clutter", 1 },
        { "mirrored", 1 },
        // A front camera's TD1 card: the quarter-line test before a mirrored read looked at the wrong end of the line.
        { "mirrored", 5 },
        { "watermark+glare+mirrored", 5 },
        // 12 px characters, shaken, among papers: the detector's boxes are cut to the height pitch and length allow.
        { "clutter+small+blur", 5 },
        // "SPECIMEN" across a card's first two lines: the zone is completed from its one intact line.
        { "watermark", 2 },
        // A passport under guilloche and an overlay, turned by EXIF: whole-frame boxes read "IZ" for "PO"; the
        // detector's magnified look at a tile around the zone reads it surely.
        { "guilloche+overlay+exif", 1 },
        // Two O/0 confusions in one field of a visa under guilloche, a watermark and JPEG: read right from the tile too.
        { "guilloche+watermark+jpeg", 3 },
    };

    [Theory]
    [MemberData(nameof(Photos))]
    public void Reads_the_zone_exactly(string condition, int seed)
    {
        var photo = HostileSet.Photo(HostileSet.Condition(condition), seed);

        var result = fixture.Reader.Read(photo.Bytes, ReaderFixture.Today);

        Assert.Equal(DocumentReadOutcome.MrzRead, result.Outcome);
        var mrz = result.Mrz!;
        Assert.True(mrz.IsValid);
        Assert.Equal(photo.Document.DocumentNumber, mrz.DocumentNumber);
        Assert.Equal(photo.Document.DateOfBirth, mrz.DateOfBirth);
        Assert.Equal(photo.Document.ExpiryDate, mrz.ExpiryDate);
    }

    [Fact]
    public void The_hostile_set_is_the_same_bytes_every_time()
    {
        var condition = HostileSet.Condition("guilloche+watermark+jpeg");

        Assert.Equal(HostileSet.Photo(condition, 2).Bytes, HostileSet.Photo(condition, 2).Bytes);
        Assert.NotEqual(HostileSet.Photo(condition, 2).Bytes, HostileSet.Photo(condition, 3).Bytes);
    }
}
