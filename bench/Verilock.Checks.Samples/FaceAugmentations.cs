using SkiaSharp;

namespace Verilock.Checks.Samples;

/// <summary>
/// Re-captures of one face for matching tests and calibration: the face cropped from its photo with room
/// around it, then rescaled, recompressed, blurred, darkened or brightened, slightly rotated or mirrored —
/// what the same person's selfie or document scan goes through. Also edits for liveness bursts: closed eyes
/// painted over, and the crop re-encoded with small jitter so a burst is not identical bytes.
/// </summary>
public static class FaceAugmentations
{
    /// <summary>The face box widened by its width on every side, as a JPEG: a selfie-like picture of one face.</summary>
    public static byte[] CropAround(byte[] photo, float x, float y, float width, float height, float margin = 1f)
    {
        using var source = SKBitmap.Decode(photo);
        var rect = SKRectI.Round(SKRect.Create(x - width * margin, y - height * margin, width * (1 + 2 * margin), height * (1 + 2 * margin)));
        rect.Intersect(new SKRectI(0, 0, source.Width, source.Height));
        using var crop = new SKBitmap(rect.Width, rect.Height);
        source.ExtractSubset(crop, rect);
        return Encode(crop, 95);
    }

    /// <summary>Named variants of a face picture (not including the picture itself).</summary>
    public static IEnumerable<(string Name, byte[] Image)> Variants(byte[] picture)
    {
        using var source = SKBitmap.Decode(picture);
        yield return ("scale_1/3", Scaled(source, 1 / 3f));
        yield return ("scale_2/3", Scaled(source, 2 / 3f));
        yield return ("jpeg_q25", Encode(source, 25));
        yield return ("blur_1.5", Filtered(source, SKImageFilter.CreateBlur(1.5f, 1.5f), null));
        yield return ("blur_2.5", Filtered(source, SKImageFilter.CreateBlur(2.5f, 2.5f), null));
        yield return ("dark_0.5", Filtered(source, null, Brightness(0.5f, 0)));
        yield return ("bright_+0.15", Filtered(source, null, Brightness(1.15f, 0.15f)));
        yield return ("rotate_-12", Rotated(source, -12));
        yield return ("rotate_+8", Rotated(source, 8));
        yield return ("mirror", Mirrored(source));
        using var small = SKBitmap.Decode(Scaled(source, 0.5f));
        yield return ("scale_1/2+jpeg_q40+blur_1", Filtered(small, SKImageFilter.CreateBlur(1f, 1f), null, quality: 40));
    }

    public static byte[] Scaled(SKBitmap source, float factor)
    {
        using var resized = source.Resize(new SKImageInfo(Math.Max(8, (int)(source.Width * factor)), Math.Max(8, (int)(source.Height * factor))),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        return Encode(resized, 92);
    }

    public static byte[] Rotated(SKBitmap source, float degrees)
    {
        using var rotated = new SKBitmap(source.Width, source.Height);
        using (var canvas = new SKCanvas(rotated))
        {
            canvas.Clear(new SKColor(0x80, 0x80, 0x80));
            canvas.RotateDegrees(degrees, source.Width / 2f, source.Height / 2f);
            using var paint = new SKPaint { IsAntialias = true };
            canvas.DrawBitmap(source, 0, 0, paint);
        }
        return Encode(rotated, 92);
    }

    public static byte[] Mirrored(SKBitmap source)
    {
        using var mirrored = new SKBitmap(source.Width, source.Height);
        using (var canvas = new SKCanvas(mirrored))
        {
            canvas.Scale(-1, 1, source.Width / 2f, 0);
            canvas.DrawBitmap(source, 0, 0);
        }
        return Encode(mirrored, 92);
    }

    /// <summary>
    /// Closes both eyes: lids in the colour of the skin just below each eye, a dark lash line, softened edges.
    /// Eye centres and distance come from the caller's detector, in the picture's pixels.
    /// </summary>
    public static byte[] WithClosedEyes(byte[] picture, (float X, float Y) firstEye, (float X, float Y) secondEye)
    {
        using var source = SKBitmap.Decode(picture);
        using var edited = source.Copy();
        var distance = MathF.Sqrt(MathF.Pow(secondEye.X - firstEye.X, 2) + MathF.Pow(secondEye.Y - firstEye.Y, 2));
        using (var canvas = new SKCanvas(edited))
        {
            foreach (var (x, y) in new[] { firstEye, secondEye })
            {
                var skin = AverageColour(source, (int)x, (int)(y + distance * 0.35f), (int)(distance * 0.08f));
                using var lid = new SKPaint { IsAntialias = true, Color = skin, MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, distance * 0.02f) };
                canvas.DrawOval(new SKPoint(x, y), new SKSize(distance * 0.27f, distance * 0.15f), lid);
                using var lash = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = Math.Max(1, distance * 0.025f), Color = new SKColor(0x35, 0x28, 0x24) };
                using var path = new SKPath();
                path.MoveTo(x - distance * 0.22f, y);
                path.QuadTo(x, y + distance * 0.07f, x + distance * 0.22f, y);
                canvas.DrawPath(path, lash);
            }
        }
        return Encode(edited, 92);
    }

    /// <summary>The picture again with a small shift and brightness change: another frame of a still scene.</summary>
    public static byte[] Jittered(byte[] picture, int seed)
    {
        using var source = SKBitmap.Decode(picture);
        var random = new Random(seed);
        using var moved = new SKBitmap(source.Width, source.Height);
        using (var canvas = new SKCanvas(moved))
        {
            canvas.Clear(new SKColor(0x80, 0x80, 0x80));
            canvas.Translate(random.Next(-3, 4), random.Next(-3, 4));
            var gain = 0.95f + 0.1f * (float)random.NextDouble();
            using var paint = new SKPaint { ColorFilter = Brightness(gain, 0) };
            canvas.DrawBitmap(source, 0, 0, paint);
        }
        return Encode(moved, 90);
    }

    static SKColor AverageColour(SKBitmap bitmap, int cx, int cy, int radius)
    {
        long r = 0, g = 0, b = 0, n = 0;
        for (var y = Math.Max(0, cy - radius); y <= Math.Min(bitmap.Height - 1, cy + radius); y++)
            for (var x = Math.Max(0, cx - radius); x <= Math.Min(bitmap.Width - 1, cx + radius); x++)
            {
                var c = bitmap.GetPixel(x, y);
                (r, g, b, n) = (r + c.Red, g + c.Green, b + c.Blue, n + 1);
            }
        return n == 0 ? SKColors.Tan : new SKColor((byte)(r / n), (byte)(g / n), (byte)(b / n));
    }

    static SKColorFilter Brightness(float gain, float offset) => SKColorFilter.CreateColorMatrix(
    [
        gain, 0, 0, 0, offset,
        0, gain, 0, 0, offset,
        0, 0, gain, 0, offset,
        0, 0, 0, 1, 0,
    ]);

    /// <summary>The image drawn through the filters (disposed here) and encoded as JPEG at <paramref name="quality"/>.</summary>
    public static byte[] Filtered(SKBitmap source, SKImageFilter? imageFilter, SKColorFilter? colorFilter, int quality = 92)
    {
        using var result = new SKBitmap(source.Width, source.Height);
        using (var canvas = new SKCanvas(result))
        {
            using var paint = new SKPaint { ImageFilter = imageFilter, ColorFilter = colorFilter };
            canvas.DrawBitmap(source, 0, 0, paint);
        }
        imageFilter?.Dispose();
        colorFilter?.Dispose();
        return Encode(result, quality);
    }

    public static byte[] Encode(SKBitmap bitmap, int quality)
    {
        using var data = bitmap.Encode(SKEncodedImageFormat.Jpeg, quality);
        return data.ToArray();
    }
}
