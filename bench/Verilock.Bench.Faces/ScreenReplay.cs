using SkiaSharp;

namespace Verilock.Bench.Faces;

/// <summary>
/// A replay attack's look, for the liveness evidence: the picture shown on a phone held in front of the camera —
/// a dark bezel round the screen, the screen's sub-pixel grid, a cooler white point, and the softness of a
/// second capture.
/// </summary>
internal static class ScreenReplay
{
    public static byte[] Capture(byte[] picture)
    {
        using var source = SKBitmap.Decode(picture);
        var (w, h) = (source.Width, source.Height);
        using var scene = new SKBitmap((int)(w * 1.5), (int)(h * 1.5));
        using (var canvas = new SKCanvas(scene))
        {
            canvas.Clear(new SKColor(0x7A, 0x6E, 0x60));
            var screen = SKRect.Create(w * 0.25f, h * 0.25f, w, h);
            using var bezel = new SKPaint { Color = new SKColor(0x12, 0x12, 0x14), IsAntialias = true };
            canvas.DrawRoundRect(SKRect.Inflate(screen, w * 0.04f, h * 0.08f), w * 0.05f, w * 0.05f, bezel);
            using var cool = new SKPaint
            {
                ColorFilter = SKColorFilter.CreateColorMatrix([0.88f, 0, 0, 0, 0.02f, 0, 0.95f, 0, 0, 0.03f, 0, 0, 1.05f, 0, 0.06f, 0, 0, 0, 1, 0]),
            };
            canvas.DrawBitmap(source, screen, cool);
            using var grid = new SKPaint { Color = new SKColor(0, 0, 0, 0x28), StrokeWidth = 1 };
            for (var x = screen.Left; x < screen.Right; x += 3)
                canvas.DrawLine(x, screen.Top, x, screen.Bottom, grid);
            for (var y = screen.Top; y < screen.Bottom; y += 3)
                canvas.DrawLine(screen.Left, y, screen.Right, y, grid);
        }
        using var soft = new SKBitmap(scene.Width, scene.Height);
        using (var canvas = new SKCanvas(soft))
        using (var blur = new SKPaint { ImageFilter = SKImageFilter.CreateBlur(1.1f, 1.1f) })
            canvas.DrawBitmap(scene, 0, 0, blur);
        return Verilock.Checks.Samples.FaceAugmentations.Encode(soft, 88);
    }
}
