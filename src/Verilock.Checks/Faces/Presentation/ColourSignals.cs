using OpenCvSharp;

namespace Verilock.Checks.Faces.Presentation;

/// <summary>
/// Colour a second reproduction loses: a screen or a print narrows the chroma of skin, a screen's white point is
/// bluer than daylight on skin, and neither paper nor a lit screen reaches the black a camera sees in a room.
/// </summary>
internal static class ColourSignals
{
    /// <summary>Frames are measured shrunk to this long side: these are statistics, not detail.</summary>
    const int WorkingSide = 320;

    public static (double Chroma, double Warmth, double BlackLevel) Measure(Mat image, Rect2f face)
    {
        var region = new Rect((int)face.X, (int)face.Y, (int)face.Width, (int)face.Height).Intersect(new Rect(0, 0, image.Cols, image.Rows));
        if (region.Width < 8 || region.Height < 8)
            return (0, 0, 0);
        using var crop = new Mat(image, region);
        using var faceLab = Lab(crop);
        var (rows, cols) = (faceLab.Rows, faceLab.Cols);
        var chroma = new List<double>(rows * cols);
        double warmth = 0;
        unsafe
        {
            for (var y = 0; y < rows; y++)
            {
                var row = (byte*)faceLab.Ptr(y);
                for (var x = 0; x < cols; x++)
                {
                    // 8-bit CIELAB in OpenCV: a* and b* offset by 128.
                    var (a, b) = (row[3 * x + 1] - 128.0, row[3 * x + 2] - 128.0);
                    chroma.Add(Math.Sqrt(a * a + b * b));
                    warmth += b;
                }
            }
        }
        chroma.Sort();
        using var frameLab = Lab(image);
        using var lightness = frameLab.ExtractChannel(0);
        return (chroma[(int)(0.9 * (chroma.Count - 1))], warmth / chroma.Count, Percentile(lightness, 0.02) * 100 / 255);
    }

    static Mat Lab(Mat bgr)
    {
        var scale = Math.Min(1.0, WorkingSide / (double)Math.Max(bgr.Cols, bgr.Rows));
        using var small = new Mat();
        Cv2.Resize(bgr, small, new Size(), scale, scale, InterpolationFlags.Area);
        var lab = new Mat();
        Cv2.CvtColor(small, lab, ColorConversionCodes.BGR2Lab);
        return lab;
    }

    static double Percentile(Mat channel, double share)
    {
        var (rows, cols) = (channel.Rows, channel.Cols);
        var histogram = new long[256];
        unsafe
        {
            for (var y = 0; y < rows; y++)
            {
                var row = (byte*)channel.Ptr(y);
                for (var x = 0; x < cols; x++)
                    histogram[row[x]]++;
            }
        }
        var target = share * rows * cols;
        long seen = 0;
        for (var level = 0; level < 256; level++)
            if ((seen += histogram[level]) >= target)
                return level;
        return 255;
    }
}
