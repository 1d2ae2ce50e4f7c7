using OpenCvSharp;

namespace Verilock.Checks.Samples;

/// <summary>
/// A simulated print attack: a selfie printed on paper and photographed. Washed colour (saturation and contrast
/// lost, black lifted to the ink's), a clustered-dot CMY halftone at the usual screen angles with
/// <see cref="PrintCondition.Cell"/> capture pixels per dot, a paper tint, flat or uneven lighting and an optional
/// crease, then re-captured slightly turned with camera blur, noise and JPEG. Deterministic for one seed.
/// Simulated: real inkjet prints dither rather than screen, and real paper has texture and gloss.
/// </summary>
public static class PrintedPhotos
{
    /// <summary>Supersamples per capture pixel the halftone is drawn at.</summary>
    const int Sub = 4;

    static readonly double[] ScreenAngles = [15, 75, 0]; // cyan, magenta, yellow

    public static byte[] Capture(byte[] picture, PrintCondition condition, int seed)
    {
        var random = new Random(seed);
        using var source = Cv2.ImDecode(picture, ImreadModes.Color);
        using var washed = Washed(source, random);
        using var large = new Mat();
        Cv2.Resize(washed, large, new Size(source.Cols * Sub, source.Rows * Sub), 0, 0, InterpolationFlags.Linear);
        var paper = new[] { 228 + random.Next(0, 12), 238 + random.Next(0, 10), 245 + random.Next(0, 10) }; // B, G, R: warm white
        using var printed = Halftone(large, condition.Cell * Sub, paper, random);
        using var small = new Mat();
        Cv2.Resize(printed, small, source.Size(), 0, 0, InterpolationFlags.Area);
        Lighting(small, condition.Crease, random);
        using var turned = new Mat();
        using var rotation = Cv2.GetRotationMatrix2D(new Point2f(small.Cols / 2f, small.Rows / 2f), random.NextDouble() * 8 - 4, 0.92 + random.NextDouble() * 0.08);
        Cv2.WarpAffine(small, turned, rotation, small.Size(), InterpolationFlags.Linear, BorderTypes.Constant, new Scalar(90, 100, 110));
        return ScreenReplays.Camera(turned, random, blur: 0.6 + random.NextDouble() * 0.7, quality: random.Next(70, 91));
    }

    /// <summary>Saturation × 0.6–0.85 and contrast squeezed between an ink black (20–45) and the paper.</summary>
    static Mat Washed(Mat source, Random random)
    {
        using var hsv = new Mat();
        Cv2.CvtColor(source, hsv, ColorConversionCodes.BGR2HSV);
        var channels = hsv.Split();
        channels[1].ConvertTo(channels[1], -1, 0.6 + random.NextDouble() * 0.25);
        var black = 20 + random.Next(0, 26);
        channels[2].ConvertTo(channels[2], -1, (245.0 - black) / 255, black);
        Cv2.Merge(channels, hsv);
        foreach (var channel in channels)
            channel.Dispose();
        var result = new Mat();
        Cv2.CvtColor(hsv, result, ColorConversionCodes.HSV2BGR);
        return result;
    }

    /// <summary>Clustered-dot halftone per ink (C = 1 − R, …): ink where the coverage exceeds a rotated cosine screen.</summary>
    static unsafe Mat Halftone(Mat large, double period, int[] paper, Random random)
    {
        var (rows, cols) = (large.Rows, large.Cols);
        var result = new Mat(rows, cols, MatType.CV_8UC3);
        var phase = random.NextDouble() * period;
        var screens = ScreenAngles.Select(a => (Math.Cos(a * Math.PI / 180), Math.Sin(a * Math.PI / 180))).ToArray();
        for (var y = 0; y < rows; y++)
        {
            var source = (byte*)large.Ptr(y);
            var target = (byte*)result.Ptr(y);
            for (var x = 0; x < cols; x++)
                for (var ink = 0; ink < 3; ink++)
                {
                    // Cyan absorbs red (OpenCV channel 2), magenta green (1), yellow blue (0).
                    var channel = 2 - ink;
                    var coverage = 1 - source[x * 3 + channel] / 255.0;
                    var (c, s) = screens[ink];
                    var (u, v) = ((x * c + y * s + phase) / period, (-x * s + y * c + phase) / period);
                    var threshold = (2 - Math.Cos(2 * Math.PI * u) - Math.Cos(2 * Math.PI * v)) / 4;
                    target[x * 3 + channel] = (byte)(coverage > threshold ? paper[channel] * 0.12 : paper[channel]);
                }
        }
        return result;
    }

    /// <summary>Flat room light with a gentle gradient across the sheet, and a crease: a shaded fold with a lit edge.</summary>
    static void Lighting(Mat image, bool crease, Random random)
    {
        var (w, h) = (image.Cols, image.Rows);
        using var shade = new Mat(image.Size(), MatType.CV_32FC3);
        var (start, end) = (0.8 + random.NextDouble() * 0.2, 0.9 + random.NextDouble() * 0.15);
        var foldX = w * (0.3 + random.NextDouble() * 0.4);
        for (var x = 0; x < w; x++)
        {
            var level = start + (end - start) * x / w;
            if (crease && x > foldX)
                level *= 0.9;
            if (crease && Math.Abs(x - foldX) < 2)
                level *= 1.15;
            using var column = shade.ColRange(x, x + 1);
            column.SetTo(Scalar.All(level));
        }
        using var values = new Mat();
        image.ConvertTo(values, MatType.CV_32FC3);
        Cv2.Multiply(values, shade, values);
        values.ConvertTo(image, MatType.CV_8UC3);
    }
}

/// <param name="Cell">Capture pixels per halftone dot.</param>
/// <param name="Crease">The sheet was folded.</param>
public sealed record PrintCondition(double Cell, bool Crease)
{
    public override string ToString() => $"print dot {Cell:0.0#} px{(Crease ? ", crease" : "")}";
}
