using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests;

/// <summary>
/// A small zone (12 px characters), shaken and noisy, on a page filling a third of a cluttered table: the hardest
/// condition of the hostile set (bench/mrz-read.sh). The text detector's boxes of such lines are far taller than the
/// print; cut to the height the line pitch and length allow, the strips read (seed 5 is in <see cref="HostilePhotoTests"/>).
/// When the reader stays unsure, the reading it reports is the one whose check digits hold, from whichever look found it.
/// </summary>
public sealed class BlurredZoneTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    [Fact]
    public void An_unsure_read_reports_the_reading_whose_check_digits_hold()
    {
        // The first look reads other papers' print as a zone that fails its check digits; the second look, at twice
        // the detail, reads the visa's zone validly but with OCR confidence below the threshold.
        var photo = HostileSet.Photo(HostileSet.Condition("clutter+small+blur"), 3);

        var result = fixture.Reader.Read(photo.Bytes, ReaderFixture.Today);

        Assert.Equal(DocumentReadOutcome.LowConfidence, result.Outcome);
        Assert.True(result.Mrz!.IsValid);
        Assert.Equal(photo.Document.DocumentNumber, result.Mrz.DocumentNumber);
        Assert.Equal(photo.Document.ExpiryDate, result.Mrz.ExpiryDate);
        Assert.Equal("The machine-readable zone was read, but not clearly enough to rely on. Retake the photo in even light, in focus.", result.Problem);
    }
}
