using SkiaSharp;
using Verilock.Checks.Samples;

namespace Verilock.E2E.Tests;

/// <summary>Real images for uploads, so the dashboard's image panel shows what an operator would see.</summary>
public static class SampleImages
{
    /// <summary>A photograph of ICAO's specimen passport page, rendered by the checks' sample set.</summary>
    public static readonly byte[] Passport = DocumentPhotographer.Photograph(SampleDocuments.Specimen, PhotoCondition.Clean);

    /// <summary>A drawn stand-in for a selfie: a plain face on a backdrop (the sandbox checks only the file type).</summary>
    public static readonly byte[] Selfie = DrawSelfie();

    private static byte[] DrawSelfie()
    {
        using var surface = SKSurface.Create(new SKImageInfo(360, 480));
        var canvas = surface.Canvas;
        canvas.Clear(new SKColor(0xDD, 0xE6, 0xEE));
        using var paint = new SKPaint { IsAntialias = true };
        paint.Color = new SKColor(0x3B, 0x4A, 0x5A);
        canvas.DrawOval(new SKRect(70, 330, 290, 560), paint);
        paint.Color = new SKColor(0xE0, 0xB8, 0x96);
        canvas.DrawOval(new SKRect(110, 110, 250, 300), paint);
        paint.Color = new SKColor(0x4A, 0x33, 0x22);
        canvas.DrawOval(new SKRect(105, 90, 255, 170), paint);
        paint.Color = new SKColor(0x22, 0x22, 0x22);
        canvas.DrawCircle(155, 200, 7, paint);
        canvas.DrawCircle(205, 200, 7, paint);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 90);
        return png.ToArray();
    }
}
