using OpenCvSharp;
using SkiaSharp;

namespace Verilock.Checks.Samples;

/// <summary>
/// Renders a document under a set of <see cref="Hazard"/>s as a phone or a careless scan would deliver it:
/// security print and colours on the page (<see cref="SecurityPrint"/>), reflections on its surface (hologram,
/// glare, laminate), the page placed on a desk or a cluttered table (tilted up to 20° when asked), shadow, shake
/// and noise, then JPEG with the orientation a camera stores. Every choice comes from the given seeded random
/// generator, so the same seed gives the same bytes.
/// </summary>
public static class HostilePhotographer
{
    /// <summary>OCR-B capitals are about 2.5 mm tall: 4.8 px/mm gives the ≈ 12 px characters of a small capture.</summary>
    const float SmallPixelsPerMm = 4.8f;

    public static byte[] Photograph(SampleDocument document, Hazard hazards, Random random)
    {
        var (widthMm, _) = DocumentPageRenderer.PageSizeMm(document.Layout);
        var clutterFrame = 1600 + random.Next(800);
        var pixelsPerMm = hazards.HasFlag(Hazard.SmallText) ? SmallPixelsPerMm
            : hazards.HasFlag(Hazard.Clutter) ? clutterFrame * (0.33f + 0.12f * (float)random.NextDouble()) / widthMm
            : 7f + 4f * (float)random.NextDouble();
        using var page = RenderPage(document, hazards, pixelsPerMm, random);
        if (hazards.HasFlag(Hazard.Hologram)) Hologram(page, random);
        if (hazards.HasFlag(Hazard.GlarePatches)) GlareSpots(page, random);
        if (hazards.HasFlag(Hazard.Laminate)) LaminateBands(page, random);

        using var scene = hazards.HasFlag(Hazard.Clutter) ? ClutteredTable(page.Size(), random) : Desk(page.Size(), random);
        PlacePage(scene, page, hazards.HasFlag(Hazard.Perspective), random);
        if (hazards.HasFlag(Hazard.Shadow)) CastShadow(scene, random);
        if (hazards.HasFlag(Hazard.PhoneBlur)) Shake(scene, random);
        AddNoise(scene, hazards.HasFlag(Hazard.PhoneBlur) ? 9 : 3, (ulong)random.Next());

        var quality = hazards.HasFlag(Hazard.HeavyJpeg) ? 30 + random.Next(31) : 85 + random.Next(8);
        if (hazards.HasFlag(Hazard.Mirrored))
            Cv2.Flip(scene, scene, FlipMode.Y);
        return hazards.HasFlag(Hazard.Exif)
            ? ExifWriter.TaggedJpeg(scene, 1 + random.Next(8), littleEndian: random.Next(2) == 0, quality)
            : scene.ImEncode(".jpg", new ImageEncodingParam(ImwriteFlags.JpegQuality, quality));
    }

    static Mat RenderPage(SampleDocument document, Hazard hazards, float pixelsPerMm, Random random)
    {
        var seed = random.Next();
        var style = new PageStyle
        {
            Paper = hazards.HasFlag(Hazard.LowContrast) ? SecurityPrint.GreyPaper : hazards.HasFlag(Hazard.Tint) ? SecurityPrint.TintedPaper(random) : null,
            MrzInk = hazards.HasFlag(Hazard.LowContrast) ? new SKColor(0x6A, 0x6E, 0x70)
                : hazards.HasFlag(Hazard.Tint) ? new SKColor(0x22, 0x26, 0x4E) : null,
            UnderPrint = hazards.HasFlag(Hazard.Guilloche) ? (canvas, w, h) => SecurityPrint.Guilloche(canvas, w, h, new Random(seed)) : null,
            OverPrint = (hazards & (Hazard.Watermark | Hazard.OverlayText)) == 0 ? null : (canvas, w, h) =>
            {
                var overlay = new Random(seed + 1);
                if (hazards.HasFlag(Hazard.Watermark)) SecurityPrint.Watermark(canvas, w, h, overlay);
                if (hazards.HasFlag(Hazard.OverlayText)) SecurityPrint.OverlayText(canvas, w, h, overlay);
            },
        };
        using var bitmap = DocumentPageRenderer.Render(document, pixelsPerMm, style);
        using var rgba = Mat.FromPixelData(bitmap.Height, bitmap.Width, MatType.CV_8UC4, bitmap.GetPixels());
        var bgr = new Mat();
        Cv2.CvtColor(rgba, bgr, ColorConversionCodes.RGBA2BGR);
        return bgr;
    }

    /// <summary>A rainbow foil: hue running diagonally, blended at 35–55 % into a soft ellipse over part of the zone.</summary>
    static void Hologram(Mat page, Random random)
    {
        var width = (int)(page.Width * (0.25f + 0.15f * (float)random.NextDouble()));
        var height = (int)(page.Height * 0.35f);
        var left = random.Next(Math.Max(1, page.Width - width));
        var top = page.Height - height - random.Next(Math.Max(1, page.Height / 20));
        using var hsv = new Mat(height, width, MatType.CV_8UC3);
        var period = 40 + random.Next(80);
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                hsv.Set(y, x, new Vec3b((byte)((x + 2 * y) * 180 / period % 180), 170, 255));
        using var foil = new Mat();
        Cv2.CvtColor(hsv, foil, ColorConversionCodes.HSV2BGR);
        Blend(page, new Rect(left, top, width, height), foil, 0.35 + 0.2 * random.NextDouble());
    }

    static void GlareSpots(Mat page, Random random)
    {
        var spots = 2 + random.Next(2);
        for (var i = 0; i < spots; i++)
        {
            // The first spot always lies on the zone, the others anywhere.
            var center = new Point2f((float)(page.Width * random.NextDouble()),
                i == 0 ? page.Height * (0.82f + 0.1f * (float)random.NextDouble()) : (float)(page.Height * random.NextDouble()));
            var radius = page.Height * (0.08f + 0.12f * (float)random.NextDouble());
            Brighten(page, (x, y) => MathF.Exp(-((x - center.X) * (x - center.X) + (y - center.Y) * (y - center.Y)) / (2 * radius * radius)), 0.8f + 0.15f * (float)random.NextDouble());
        }
    }

    static void LaminateBands(Mat page, Random random)
    {
        var angle = (float)(random.NextDouble() * Math.PI);
        var (cos, sin) = (MathF.Cos(angle), MathF.Sin(angle));
        for (var band = 0; band < 2; band++)
        {
            var offset = (float)(random.NextDouble() - 0.5) * page.Width * 0.6f;
            var width = page.Height * (0.04f + 0.08f * (float)random.NextDouble());
            var cx = page.Width / 2f;
            var cy = page.Height * 0.8f;
            Brighten(page, (x, y) =>
            {
                var d = (x - cx) * cos + (y - cy) * sin - offset;
                return MathF.Exp(-d * d / (2 * width * width));
            }, 0.45f + 0.3f * (float)random.NextDouble());
        }
    }

    /// <summary>pixel += (255 − pixel) · peak · weight(x, y): light reflected off the surface, never darker.</summary>
    static void Brighten(Mat image, Func<float, float, float> weight, float peak)
    {
        var (width, height) = (image.Width, image.Height);
        var weights = new float[width * height];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                weights[y * width + x] = peak * weight(x, y);
        using var mask = Mat.FromPixelData(height, width, MatType.CV_32FC1, weights);
        using var white = new Mat(image.Size(), image.Type(), Scalar.All(255));
        BlendWith(image, white, mask);
    }

    static void Blend(Mat page, Rect region, Mat overlay, double alpha)
    {
        using var mask = new Mat(region.Size, MatType.CV_32FC1, Scalar.All(0));
        Cv2.Ellipse(mask, new RotatedRect(new Point2f(region.Width / 2f, region.Height / 2f), new Size2f(region.Width * 0.9f, region.Height * 0.9f), 0), Scalar.All(alpha), -1);
        Cv2.GaussianBlur(mask, mask, new Size(0, 0), region.Height / 8.0);
        using var target = new Mat(page, region);
        BlendWith(target, overlay, mask);
    }

    /// <summary>image = image · (1 − mask) + overlay · mask, per pixel, mask in 0..1.</summary>
    static void BlendWith(Mat image, Mat overlay, Mat mask)
    {
        using var mask3 = new Mat();
        Cv2.Merge([mask, mask, mask], mask3);
        using var a = new Mat();
        using var b = new Mat();
        image.ConvertTo(a, MatType.CV_32FC3);
        overlay.ConvertTo(b, MatType.CV_32FC3);
        using var difference = new Mat();
        Cv2.Subtract(b, a, difference);
        Cv2.Multiply(difference, mask3, difference);
        Cv2.Add(a, difference, a);
        a.ConvertTo(image, MatType.CV_8UC3);
    }

    static Mat Desk(Size page, Random random)
    {
        var margin = (int)(page.Width * (0.1f + 0.12f * (float)random.NextDouble()));
        var desk = new Mat(page.Height + 2 * margin, page.Width + 2 * margin, MatType.CV_8UC3);
        var (b, g, r) = random.Next(3) switch { 0 => (0x37, 0x4E, 0x6B), 1 => (0x50, 0x50, 0x50), _ => (0xB0, 0xB4, 0xB8) };
        desk.SetTo(new Scalar(b, g, r));
        var deskHeight = desk.Height;
        for (var stripe = 0; stripe < deskHeight; stripe += 3 + random.Next(6))
            Cv2.Line(desk, new Point(0, stripe), new Point(desk.Width, stripe + random.Next(-20, 20)), new Scalar(b - 12, g - 12, r - 12), 1);
        return desk;
    }

    /// <summary>A table seen from above with other papers (lines of small print), a phone, a pen and a keyboard around the document.</summary>
    static Mat ClutteredTable(Size page, Random random)
    {
        var width = (int)(page.Width / (0.33 + 0.1 * random.NextDouble()));
        var table = new Mat(width * 3 / 4, width, MatType.CV_8UC3, new Scalar(0x60 + random.Next(60), 0x70 + random.Next(60), 0x80 + random.Next(60)));
        for (var paper = 0; paper < 3; paper++)
        {
            var size = new Size(width * (0.2 + 0.2 * random.NextDouble()), width * (0.25 + 0.2 * random.NextDouble()));
            var at = new Point(random.Next(table.Width - size.Width / 2) - size.Width / 4, random.Next(table.Height - size.Height / 2) - size.Height / 4);
            Cv2.Rectangle(table, new Rect(at, size), new Scalar(235, 238, 240), -1);
            var scale = size.Width / 900.0;
            for (var line = 1; line * 40 * scale * 1.2 < size.Height; line++)
                Cv2.PutText(table, Gibberish(random, 50), new Point(at.X + 10, at.Y + line * 40 * scale * 1.2), HersheyFonts.HersheySimplex, scale, new Scalar(40, 40, 40), Math.Max(1, (int)(scale * 2)));
        }
        var phone = new Rect(random.Next(table.Width * 3 / 4), random.Next(table.Height * 3 / 4), width / 10, width / 5);
        Cv2.Rectangle(table, phone, new Scalar(20, 20, 25), -1);
        Cv2.Line(table, new Point(random.Next(table.Width), random.Next(table.Height)), new Point(random.Next(table.Width), random.Next(table.Height)), new Scalar(120, 30, 30), width / 150 + 2);
        var keys = new Point(random.Next(table.Width / 2), table.Height - width / 8);
        for (var row = 0; row < 3; row++)
            for (var key = 0; key < 14; key++)
                Cv2.Rectangle(table, new Rect(keys.X + key * width / 40, keys.Y + row * width / 40, width / 48, width / 48), new Scalar(30, 30, 30), -1);
        return table;
    }

    static string Gibberish(Random random, int length) =>
        new([.. Enumerable.Range(0, length).Select(_ => random.Next(6) == 0 ? ' ' : (char)('a' + random.Next(26)))]);

    /// <summary>
    /// Lays the page on the scene: turned a few degrees and shifted; with <paramref name="tilted"/> its plane is
    /// turned 12–20° about a random axis and projected through a pinhole camera, so the far side shrinks.
    /// A soft drop shadow goes under it.
    /// </summary>
    static void PlacePage(Mat scene, Mat page, bool tilted, Random random)
    {
        var (w, h) = (page.Width, page.Height);
        Point2f[] corners = [new(-w / 2f, -h / 2f), new(w / 2f, -h / 2f), new(w / 2f, h / 2f), new(-w / 2f, h / 2f)];
        var turn = (float)((random.NextDouble() - 0.5) * (tilted ? 12 : 6) * Math.PI / 180);
        var tilt = tilted ? (float)((12 + 8 * random.NextDouble()) * Math.PI / 180) : 0f;
        var axis = (float)(random.NextDouble() * 2 * Math.PI);
        var focal = 1.6f * Math.Max(w, h);
        var free = new Point2f((scene.Width - w) / 2f, (scene.Height - h) / 2f);
        var center = new Point2f(scene.Width / 2f + (float)(random.NextDouble() - 0.5) * free.X * 0.8f, scene.Height / 2f + (float)(random.NextDouble() - 0.5) * free.Y * 0.8f);
        var projected = corners.Select(c => Project(c, turn, tilt, axis, focal) * (tilted ? 0.9f : 1f) + center).ToArray();
        using var homography = Cv2.GetPerspectiveTransform(
            [new Point2f(0, 0), new Point2f(w, 0), new Point2f(w, h), new Point2f(0, h)], projected);
        using var warped = new Mat();
        Cv2.WarpPerspective(page, warped, homography, scene.Size(), InterpolationFlags.Linear);
        using var mask = new Mat();
        using (var solid = new Mat(page.Size(), MatType.CV_8UC1, Scalar.All(255)))
            Cv2.WarpPerspective(solid, mask, homography, scene.Size(), InterpolationFlags.Linear);
        using var shadow = new Mat();
        mask.ConvertTo(shadow, MatType.CV_32FC1, 0.35 / 255);
        using (var shift = Mat.FromPixelData(2, 3, MatType.CV_64FC1, new double[] { 1, 0, w * 0.01, 0, 1, h * 0.015 }))
            Cv2.WarpAffine(shadow, shadow, shift, shadow.Size());
        Cv2.GaussianBlur(shadow, shadow, new Size(0, 0), w * 0.01 + 1);
        using (var black = new Mat(scene.Size(), scene.Type(), Scalar.All(0)))
            BlendWith(scene, black, shadow);
        warped.CopyTo(scene, mask);
    }

    /// <summary>Rotates a page point by <paramref name="turn"/> in plane, then by <paramref name="tilt"/> about an in-plane axis, and projects it.</summary>
    static Point2f Project(Point2f p, float turn, float tilt, float axis, float focal)
    {
        var x = p.X * MathF.Cos(turn) - p.Y * MathF.Sin(turn);
        var y = p.X * MathF.Sin(turn) + p.Y * MathF.Cos(turn);
        // Rodrigues' rotation about the unit axis u = (cos a, sin a, 0) for a point with z = 0.
        var (ux, uy) = (MathF.Cos(axis), MathF.Sin(axis));
        var (c, s) = (MathF.Cos(tilt), MathF.Sin(tilt));
        var dot = ux * x + uy * y;
        var rx = x * c + ux * dot * (1 - c);
        var ry = y * c + uy * dot * (1 - c);
        var rz = (ux * y - uy * x) * s;
        var depth = focal + rz;
        return new Point2f(focal * rx / depth, focal * ry / depth);
    }

    /// <summary>A hand's or phone's shadow: a large soft ellipse darkening 35–55 % of the light, reaching over the zone.</summary>
    static void CastShadow(Mat scene, Random random)
    {
        using var mask = new Mat(scene.Size(), MatType.CV_32FC1, Scalar.All(0));
        var center = new Point2f((float)(scene.Width * random.NextDouble()), scene.Height * (0.6f + 0.4f * (float)random.NextDouble()));
        Cv2.Ellipse(mask, new RotatedRect(center, new Size2f(scene.Width * 0.7f, scene.Height * 0.5f), (float)(random.NextDouble() * 180)), Scalar.All(0.35 + 0.2 * random.NextDouble()), -1);
        Cv2.GaussianBlur(mask, mask, new Size(0, 0), scene.Height * 0.04);
        using var black = new Mat(scene.Size(), scene.Type(), Scalar.All(0));
        BlendWith(scene, black, mask);
    }

    /// <summary>Motion blur along a random direction (5–9 px) on top of slight defocus.</summary>
    static void Shake(Mat scene, Random random)
    {
        var length = 5 + random.Next(5);
        using var kernel = new Mat(length, length, MatType.CV_32FC1, Scalar.All(0));
        var angle = random.NextDouble() * Math.PI;
        var half = (length - 1) / 2.0;
        Cv2.Line(kernel, new Point(half - half * Math.Cos(angle), half - half * Math.Sin(angle)), new Point(half + half * Math.Cos(angle), half + half * Math.Sin(angle)), Scalar.All(1), 1);
        Cv2.Divide(kernel, Cv2.Sum(kernel).Val0, kernel);
        Cv2.Filter2D(scene, scene, -1, kernel);
        Cv2.GaussianBlur(scene, scene, new Size(0, 0), 0.8);
    }

    /// <summary>Gaussian noise from a generator of its own: Cv2.Randn draws on OpenCV's process-wide one, whose state depends on what ran before.</summary>
    static void AddNoise(Mat scene, int sigma, ulong seed)
    {
        using var noise = new Mat(scene.Size(), MatType.CV_16SC3);
        var generator = new RNG(seed);
        generator.Fill(noise, DistributionType.Normal, Scalar.All(0), Scalar.All(sigma));
        using var wide = new Mat();
        scene.ConvertTo(wide, MatType.CV_16SC3);
        Cv2.Add(wide, noise, wide);
        wide.ConvertTo(scene, MatType.CV_8UC3);
    }
}
