using OpenCvSharp;

namespace Verilock.Checks.Samples;

/// <summary>
/// A simulated screen replay: a selfie shown on a phone or laptop screen and photographed again. The picture is
/// resampled to the screen's resolution, shown through a display's gamma, white point and brightness clipping, drawn
/// as an RGB stripe sub-pixel grid with dark gaps, then captured by a camera at <see cref="ReplayCondition.Pitch"/>
/// capture pixels per screen pixel and a slight rotation (the sensor integrates over its own pixels, so fine
/// pitches alias into moiré), optionally with the screen's bezel and a glare spot, then camera blur, noise and
/// JPEG. Deterministic for one seed. Simulated: a real screen's optics, its sub-pixel layout (PenTile, OLED) and a
/// real camera's demosaicing differ.
/// </summary>
public static class ScreenReplays
{
    /// <summary>Supersamples per screen pixel side: columns R, G, B and a gap; three lit rows and a gap.</summary>
    const int Sub = 4;

    public static byte[] Capture(byte[] picture, ReplayCondition condition, int seed)
    {
        var random = new Random(seed);
        using var source = Cv2.ImDecode(picture, ImreadModes.Color);
        var (width, height) = (source.Cols, source.Rows);
        var screenSize = new Size(Math.Max(16, (int)(width / condition.Pitch)), Math.Max(16, (int)(height / condition.Pitch)));
        using var shown = new Mat();
        Cv2.Resize(source, shown, screenSize, 0, 0, condition.Pitch < 1 ? InterpolationFlags.Linear : InterpolationFlags.Area);
        using var grid = SubPixelGrid(Display(shown, random));

        // One capture pixel covers Sub / Pitch supersamples: the sensor's box integration before sampling.
        var footprint = Math.Max(1, (int)Math.Round(Sub / condition.Pitch));
        Cv2.Blur(grid, grid, new Size(footprint, footprint));
        var margin = condition.Bezel ? 0.22 : 0.0;
        var outSize = new Size((int)(width * (1 + 2 * margin)), (int)(height * (1 + 2 * margin)));
        var scale = condition.Pitch / Sub;
        using var rotation = Cv2.GetRotationMatrix2D(new Point2f(grid.Cols / 2f, grid.Rows / 2f), condition.Angle + random.NextDouble() * 0.6 - 0.3, scale);
        rotation.Set(0, 2, rotation.At<double>(0, 2) + outSize.Width / 2.0 - grid.Cols / 2.0);
        rotation.Set(1, 2, rotation.At<double>(1, 2) + outSize.Height / 2.0 - grid.Rows / 2.0);
        using var warped = new Mat();
        Cv2.WarpAffine(grid, warped, rotation, outSize, InterpolationFlags.Linear, BorderTypes.Constant, new Scalar(16, 14, 14));
        using var captured = new Mat();
        warped.ConvertTo(captured, MatType.CV_8UC3);
        if (condition.Bezel)
            Surroundings(captured, margin, random);
        if (condition.Glare)
            Glare(captured, random);
        return Camera(captured, random, blur: 0.5 + random.NextDouble() * 0.6, quality: random.Next(70, 93));
    }

    /// <summary>Display gamma (0.85–1.15 relative), a cooler white point, brightness pushed into clipping, a lit black.</summary>
    static Mat Display(Mat shown, Random random)
    {
        var gamma = 0.85 + random.NextDouble() * 0.3;
        var gain = 1.05 + random.NextDouble() * 0.2;
        var black = 4 + random.NextDouble() * 8;
        var white = new[] { 1.03 + random.NextDouble() * 0.07, 1.0, 0.88 + random.NextDouble() * 0.07 }; // B, G, R
        var lookup = new Mat(1, 256, MatType.CV_8UC3);
        for (var level = 0; level < 256; level++)
        {
            var value = Math.Pow(level / 255.0, gamma) * 255 * gain;
            lookup.Set(0, level, new Vec3b(
                (byte)Math.Clamp(black + value * white[0], 0, 255),
                (byte)Math.Clamp(black + value * white[1], 0, 255),
                (byte)Math.Clamp(black + value * white[2], 0, 255)));
        }
        var displayed = new Mat();
        Cv2.LUT(shown, lookup, displayed);
        lookup.Dispose();
        return displayed;
    }

    /// <summary>Each screen pixel as Sub × Sub supersamples (float, brightness-compensated for the unlit share).</summary>
    static unsafe Mat SubPixelGrid(Mat displayed)
    {
        using var _ = displayed;
        var (rows, cols) = (displayed.Rows, displayed.Cols);
        var grid = new Mat(rows * Sub, cols * Sub, MatType.CV_32FC3, Scalar.All(0));
        // A channel lights 3 of 16 supersamples; 16 / 3 keeps the mean brightness.
        const float Gain = 16f / 3;
        for (var y = 0; y < rows; y++)
        {
            var source = (byte*)displayed.Ptr(y);
            for (var dy = 0; dy < Sub - 1; dy++)
            {
                var target = (float*)grid.Ptr(y * Sub + dy);
                for (var x = 0; x < cols; x++)
                    for (var stripe = 0; stripe < 3; stripe++)
                    {
                        // Stripes left to right R, G, B; OpenCV's channel order is B, G, R.
                        var channel = 2 - stripe;
                        target[(x * Sub + stripe) * 3 + channel] = source[x * 3 + channel] * Gain;
                    }
            }
        }
        return grid;
    }

    /// <summary>The room round the phone: the bezel stays dark near the screen, a wall or desk further out.</summary>
    static void Surroundings(Mat captured, double margin, Random random)
    {
        var (w, h) = (captured.Cols, captured.Rows);
        var room = new Scalar(random.Next(70, 160), random.Next(70, 150), random.Next(70, 140));
        var band = margin * 0.55;
        using var mask = new Mat(captured.Size(), MatType.CV_8UC1, Scalar.All(255));
        Cv2.Rectangle(mask, new Rect((int)(w * band / (1 + 2 * margin)), (int)(h * band / (1 + 2 * margin)),
            (int)(w * (1 - 2 * band / (1 + 2 * margin))), (int)(h * (1 - 2 * band / (1 + 2 * margin)))), Scalar.All(0), -1);
        captured.SetTo(room, mask);
    }

    static void Glare(Mat captured, Random random)
    {
        var (w, h) = (captured.Cols, captured.Rows);
        using var glare = new Mat(captured.Size(), MatType.CV_8UC3, Scalar.All(0));
        var centre = new Point(random.Next(w / 5, w * 4 / 5), random.Next(h / 5, h * 4 / 5));
        Cv2.Circle(glare, centre, (int)(Math.Min(w, h) * (0.08 + random.NextDouble() * 0.1)), Scalar.All(random.Next(90, 200)), -1);
        Cv2.GaussianBlur(glare, glare, new Size(0, 0), Math.Min(w, h) * 0.06);
        Cv2.Add(captured, glare, captured);
    }

    /// <summary>The capturing camera: lens blur, sensor noise, JPEG.</summary>
    internal static byte[] Camera(Mat image, Random random, double blur, int quality)
    {
        using var result = image.Clone();
        if (blur > 0)
            Cv2.GaussianBlur(result, result, new Size(0, 0), blur);
        using var noise = new Mat(result.Size(), MatType.CV_16SC3);
        Cv2.SetTheRNG((ulong)random.NextInt64(1, long.MaxValue));
        Cv2.Randn(noise, Scalar.All(0), Scalar.All(1.5 + random.NextDouble() * 3));
        using var noisy = new Mat();
        result.ConvertTo(noisy, MatType.CV_16SC3);
        Cv2.Add(noisy, noise, noisy);
        noisy.ConvertTo(result, MatType.CV_8UC3);
        return result.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
    }
}

/// <param name="Pitch">Capture pixels per screen pixel: under 1 the grid is finer than the camera and aliases into moiré.</param>
/// <param name="Angle">Degrees the screen is turned in the capture.</param>
/// <param name="Bezel">The phone's dark frame and the room round it are in view.</param>
/// <param name="Glare">A reflected light spot on the glass.</param>
public sealed record ReplayCondition(double Pitch, double Angle, bool Bezel, bool Glare)
{
    public override string ToString() => $"replay pitch {Pitch:0.0#} px, {Angle:0.#}°{(Bezel ? ", bezel" : "")}{(Glare ? ", glare" : "")}";
}
