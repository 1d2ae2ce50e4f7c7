using OpenCvSharp;
using Verilock.Checks.Documents;

namespace Verilock.Checks.Tests;

/// <summary>
/// A zone whose lines a watermark or blur has broken into pieces is still a candidate when one of its lines is intact:
/// the locator completes it from that line and the pieces one and two line pitches away (a watermarked card read this
/// way is in <see cref="HostilePhotoTests"/>).
/// </summary>
public sealed class ZoneCompletionTests
{
    const int Left = 100, Length = 480, Height = 10, Pitch = 22, Bottom = 400;

    [Fact]
    public void One_intact_line_and_two_broken_ones_above_it_make_a_three_line_zone()
    {
        using var page = new Mat(700, 1000, MatType.CV_8UC1, Scalar.All(255));
        Bar(page, Left, Length, Bottom);
        // The two lines above: a third of their length is left, in pieces far apart (fillers lost under a watermark).
        foreach (var start in new[] { 0, 200, 400 })
        {
            Bar(page, Left + start, 60, Bottom - Pitch);
            Bar(page, Left + start + 20, 60, Bottom - 2 * Pitch);
        }

        var zones = MrzLocator.Locate(page, 1.0);

        var zone = Assert.Single(zones, z => z.Lines.Count == 3);
        Assert.All(zone.Lines, line => Assert.InRange(line.Length, 0.95f * Length, 1.1f * Length));
        var rows = zone.Lines.Select(l => l.Center.Y).Order().ToArray();
        Assert.InRange(rows[0], Bottom - 2 * Pitch - 2, Bottom - 2 * Pitch + 1);
        Assert.InRange(rows[1], Bottom - Pitch - 2, Bottom - Pitch + 1);
        Assert.InRange(rows[2], Bottom - 2, Bottom + 1);
    }

    [Fact]
    public void A_long_line_alone_is_no_zone()
    {
        using var page = new Mat(700, 1000, MatType.CV_8UC1, Scalar.All(255));
        Bar(page, Left, Length, Bottom);

        Assert.Empty(MrzLocator.Locate(page, 1.0));
    }

    /// <summary>A dark bar as tall as print, standing in for a run of characters the masks join into one blob.</summary>
    static void Bar(Mat page, int left, int length, int centreY) =>
        Cv2.Rectangle(page, new Rect(left, centreY - Height / 2, length, Height), Scalar.All(30), -1);
}
