using OpenCvSharp;

namespace Verilock.Checks.Faces.Presentation;

/// <summary>
/// The face's grey-level spectrum at the upload's own resolution (resampling would blur away the very grid it looks
/// for): a re-captured screen or print adds narrow periodic peaks — the sub-pixel grid, the moiré its re-capture
/// aliases into, a halftone screen — to a natural face's smooth, falling spectrum.
/// </summary>
internal static class SpectralSignals
{
    /// <summary>A face region under this side has too few frequencies to tell a peak from texture.</summary>
    const int MinSide = 48;

    /// <summary>Larger regions are cut (not resized) to their centre: enough cheek and nose for the grid, bounded cost.</summary>
    const int MaxSide = 256;

    /// <summary>Share of the band's frequencies averaged as "the strongest few".</summary>
    const double PeakShare = 0.003;

    public static (double Peaks, double HighBand) Measure(Mat grey, Rect2f face)
    {
        var region = Region(grey, face);
        if (region.Width < MinSide || region.Height < MinSide)
            return (0, 0);
        using var crop = new Mat(grey, region);
        using var samples = new Mat();
        crop.ConvertTo(samples, MatType.CV_32F);
        var mean = Cv2.Mean(samples).Val0;
        Cv2.Subtract(samples, new Scalar(mean), samples);
        using var window = new Mat();
        Cv2.CreateHanningWindow(window, samples.Size(), MatType.CV_32F);
        Cv2.Multiply(samples, window, samples);
        using var spectrum = new Mat();
        Cv2.Dft(samples, spectrum, DftFlags.ComplexOutput);
        return Analyse(spectrum);
    }

    static Rect Region(Mat grey, Rect2f face)
    {
        // The box itself: skin, eyes, mouth; hair and background add texture of their own.
        var box = new Rect((int)face.X, (int)face.Y, (int)face.Width, (int)face.Height)
            .Intersect(new Rect(0, 0, grey.Cols, grey.Rows));
        var (width, height) = (Math.Min(box.Width, MaxSide), Math.Min(box.Height, MaxSide));
        return new Rect(box.X + (box.Width - width) / 2, box.Y + (box.Height - height) / 2, width, height);
    }

    static unsafe (double Peaks, double HighBand) Analyse(Mat spectrum)
    {
        var (rows, cols) = (spectrum.Rows, spectrum.Cols);
        var side = Math.Min(rows, cols);
        var rings = new List<float>[side / 2 + 1];
        for (var i = 0; i < rings.Length; i++)
            rings[i] = [];
        var bins = new List<(int Ring, float LogPower)>();
        double high = 0, mid = 0;
        for (var v = 0; v < rows; v++)
        {
            var row = (float*)spectrum.Ptr(v);
            var fy = (v <= rows / 2 ? v : v - rows) / (double)rows;
            for (var u = 0; u <= cols / 2; u++)
            {
                var fx = u / (double)cols;
                var power = (double)row[2 * u] * row[2 * u] + (double)row[2 * u + 1] * row[2 * u + 1];
                var radius = Math.Sqrt(fx * fx + fy * fy);
                if (radius is >= 0.25 and <= 0.5)
                    high += power;
                else if (radius is >= 0.05 and <= 0.15)
                    mid += power;
                if (radius is < 0.08 or > 0.5 || Excluded(fx, cols) || Excluded(fy, rows))
                    continue;
                var ring = (int)Math.Round(radius * side);
                var logPower = (float)Math.Log(1 + power);
                rings[ring].Add(logPower);
                bins.Add((ring, logPower));
            }
        }
        var medians = rings.Select(r => r.Count == 0 ? 0f : Median(r)).ToArray();
        var excess = bins.Select(b => b.LogPower - medians[b.Ring]).OrderDescending().ToList();
        var count = Math.Max(3, (int)(excess.Count * PeakShare));
        var peaks = excess.Count < count ? 0 : excess.Take(count).Average();
        return (peaks, mid <= 0 || high <= 0 ? 0 : Math.Log(high / mid));
    }

    /// <summary>
    /// The axes (the crop's own edges and straight hair or collar lines) and the harmonics of JPEG's 8-pixel blocks,
    /// which every recompressed genuine selfie has: peaks there say nothing about a screen.
    /// </summary>
    static bool Excluded(double frequency, int length)
    {
        var bin = 1.0 / length;
        if (Math.Abs(frequency) < 2 * bin)
            return true;
        var block = Math.Abs(frequency) * 8;
        return Math.Abs(block - Math.Round(block)) / 8 < 1.5 * bin;
    }

    static float Median(List<float> values)
    {
        values.Sort();
        return values[values.Count / 2];
    }
}
