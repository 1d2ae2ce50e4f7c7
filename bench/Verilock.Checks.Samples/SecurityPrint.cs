using SkiaSharp;

namespace Verilock.Checks.Samples;

/// <summary>
/// The printed features that make real documents hard to read, drawn on a page canvas in millimetres with
/// seeded randomness: dense guilloche and rosettes over the whole page (under the zone too, as on many
/// passports), a semi-transparent state watermark and seal over the zone, and the repeated diagonal text a
/// stock photo or a specimen stamp lays over everything. Stroke widths and spacings are those of real security
/// print: lines 0.08–0.2 mm wide, a fraction of an OCR-B stroke, about 0.4–1 mm apart.
/// </summary>
public static class SecurityPrint
{
    /// <summary>Parallel sine waves at a fine pitch across the page plus two rosettes, one of them near the zone.</summary>
    public static void Guilloche(SKCanvas canvas, float width, float height, Random random)
    {
        var color = RandomInk(random, alpha: (byte)random.Next(0x90, 0xE0), lightness: random.Next(70, 150));
        using var pen = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.08f + 0.12f * (float)random.NextDouble(), Color = color };
        var pitch = 0.45f + 0.5f * (float)random.NextDouble();
        var amplitude = 1.2f + 2.5f * (float)random.NextDouble();
        var period = 3f + 5f * (float)random.NextDouble();
        var phase = (float)random.NextDouble() * 6f;
        for (var y0 = -amplitude; y0 < height + amplitude; y0 += pitch)
        {
            using var path = new SKPath();
            for (var x = 0f; x <= width; x += 0.25f)
            {
                var y = y0 + amplitude * MathF.Sin(x / period + y0 * 0.35f + phase) * MathF.Cos(x / (period * 3.1f) - y0 * 0.05f);
                if (x == 0) path.MoveTo(x, y); else path.LineTo(x, y);
            }
            canvas.DrawPath(path, pen);
        }
        Rosette(canvas, new SKPoint(width * (0.55f + 0.3f * (float)random.NextDouble()), height * (0.25f + 0.2f * (float)random.NextDouble())), height * 0.35f, random);
        Rosette(canvas, new SKPoint(width * (0.2f + 0.5f * (float)random.NextDouble()), height * 0.82f), height * 0.3f, random);
    }

    /// <summary>Concentric epitrochoid-like rings: r(θ) = R + a·sin(kθ + φ), the typical engraved rosette.</summary>
    public static void Rosette(SKCanvas canvas, SKPoint center, float radius, Random random)
    {
        using var pen = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.1f, Color = RandomInk(random, alpha: 0xB0, lightness: random.Next(60, 140)) };
        var lobes = random.Next(9, 25);
        for (var ring = 0; ring < 28; ring++)
        {
            var r0 = radius * (0.25f + ring / 36f);
            using var path = new SKPath();
            for (var step = 0; step <= 720; step++)
            {
                var theta = step * MathF.PI / 360f;
                var r = r0 + radius * 0.12f * MathF.Sin(lobes * theta + ring * 0.4f);
                var point = new SKPoint(center.X + r * MathF.Cos(theta), center.Y + r * MathF.Sin(theta));
                if (step == 0) path.MoveTo(point); else path.LineTo(point);
            }
            canvas.DrawPath(path, pen);
        }
    }

    /// <summary>The state's name in large letters and a ringed seal, semi-transparent, across the lower half of the page.</summary>
    public static void Watermark(SKCanvas canvas, float width, float height, Random random)
    {
        var color = RandomInk(random, alpha: (byte)random.Next(0x38, 0x70), lightness: random.Next(40, 120));
        using var font = new SKFont(SampleFonts.SansBold, height * (0.16f + 0.08f * (float)random.NextDouble())) { Subpixel = true, LinearMetrics = true };
        using var paint = new SKPaint { IsAntialias = true, Color = color };
        canvas.Save();
        canvas.RotateDegrees(-8f + 16f * (float)random.NextDouble(), width / 2, height * 0.75f);
        canvas.DrawText(Words[random.Next(Words.Length)], width * 0.05f, height * (0.78f + 0.1f * (float)random.NextDouble()), SKTextAlign.Left, font, paint);
        canvas.Restore();
        using var ring = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.6f, Color = color };
        var seal = new SKPoint(width * (0.3f + 0.5f * (float)random.NextDouble()), height * 0.8f);
        for (var r = 4f; r < height * 0.22f; r += 2.2f)
            canvas.DrawCircle(seal, r, ring);
    }

    /// <summary>A stock photo's or a specimen's overlay: one word repeated diagonally over the whole page, white or grey, semi-transparent.</summary>
    public static void OverlayText(SKCanvas canvas, float width, float height, Random random)
    {
        var white = random.Next(2) == 0;
        var color = white ? new SKColor(0xFF, 0xFF, 0xFF, (byte)random.Next(0x70, 0xB0)) : new SKColor(0x50, 0x50, 0x58, (byte)random.Next(0x40, 0x70));
        using var font = new SKFont(SampleFonts.SansBold, height * (0.07f + 0.05f * (float)random.NextDouble())) { Subpixel = true, LinearMetrics = true };
        using var paint = new SKPaint { IsAntialias = true, Color = color };
        var word = Words[random.Next(Words.Length)];
        canvas.Save();
        canvas.RotateDegrees(-15f - 25f * (float)random.NextDouble(), width / 2, height / 2);
        for (var y = -height; y < 2 * height; y += font.Size * 2.2f)
            for (var x = -width + (float)random.NextDouble() * 20f; x < 2 * width; x += font.MeasureText(word) + font.Size * 2)
                canvas.DrawText(word, x, y, SKTextAlign.Left, font, paint);
        canvas.Restore();
    }

    /// <summary>Strongly coloured paper, as on visas, residence permits and many national ID cards.</summary>
    public static SKColor[] TintedPaper(Random random)
    {
        SKColor[][] tints =
        [
            [new(0xF2, 0xC6, 0xD2), new(0xE8, 0xB4, 0xC8), new(0xF5, 0xD8, 0xC0)],
            [new(0xBF, 0xE3, 0xC4), new(0xA8, 0xD8, 0xC8), new(0xD8, 0xEA, 0xB0)],
            [new(0xF5, 0xE0, 0x90), new(0xF0, 0xD0, 0x80), new(0xE8, 0xE4, 0xB0)],
            [new(0xA8, 0xC8, 0xF0), new(0xB8, 0xB8, 0xE8), new(0xC8, 0xE0, 0xF0)],
        ];
        return tints[random.Next(tints.Length)];
    }

    /// <summary>Pale grey card with mid-grey zone ink: a worn or cheaply printed ID card.</summary>
    public static SKColor[] GreyPaper => [new(0xC4, 0xC8, 0xC6), new(0xBC, 0xC0, 0xC4), new(0xC8, 0xC4, 0xC0)];

    static readonly string[] Words = ["UTOPIA", "SPECIMEN", "REPUBLIC", "stockphoto", "SAMPLE", "VOID"];

    static SKColor RandomInk(Random random, byte alpha, int lightness)
    {
        var hue = random.Next(4);
        return hue switch
        {
            0 => new SKColor((byte)(lightness / 2), (byte)lightness, (byte)Math.Min(255, lightness + 60), alpha),
            1 => new SKColor((byte)Math.Min(255, lightness + 50), (byte)(lightness / 2), (byte)lightness, alpha),
            2 => new SKColor((byte)(lightness / 2), (byte)Math.Min(255, lightness + 40), (byte)(lightness / 2), alpha),
            _ => new SKColor((byte)lightness, (byte)lightness, (byte)lightness, alpha),
        };
    }
}
