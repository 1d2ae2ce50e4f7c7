using SkiaSharp;

namespace Verilock.Checks.Samples;

/// <summary>
/// Turns a rendered document into what an applicant uploads: the document lying on a desk, photographed with
/// some sensor noise, under one <see cref="PhotoCondition"/>, encoded as JPEG (PNG for the clean capture).
/// Deterministic: the same document and condition always give the same bytes.
/// </summary>
public static class DocumentPhotographer
{
    /// <summary>10 px/mm puts MRZ characters about 25 px tall, a typical phone upload after the browser shrinks it.</summary>
    public const float SharpPixelsPerMm = 10f;

    /// <summary>4 px/mm leaves MRZ characters about 10 px tall: a far-away or heavily downscaled capture.</summary>
    public const float LowPixelsPerMm = 4f;

    public static byte[] Photograph(SampleDocument document, PhotoCondition condition)
    {
        using var photo = Capture(document, condition);
        var (format, quality) = condition switch
        {
            PhotoCondition.Clean => (SKEncodedImageFormat.Png, 100),
            PhotoCondition.JpegQuality30 => (SKEncodedImageFormat.Jpeg, 30),
            _ => (SKEncodedImageFormat.Jpeg, 90),
        };
        using var data = photo.Encode(format, quality);
        return data.ToArray();
    }

    public static SKBitmap Capture(SampleDocument document, PhotoCondition condition)
    {
        var pixelsPerMm = condition == PhotoCondition.LowResolution ? LowPixelsPerMm : SharpPixelsPerMm;
        using var page = DocumentPageRenderer.Render(document, pixelsPerMm);
        // string.GetHashCode is randomised per process; the samples must be the same bytes in every run.
        var seed = document.DocumentNumber.Aggregate(17, (hash, c) => hash * 31 + c) ^ ((int)condition << 20);
        var onDesk = PlaceOnDesk(page, condition, new Random(seed));
        AddSensorNoise(onDesk, new Random(seed + 1), condition == PhotoCondition.LowResolution ? 2 : 4);
        return condition switch
        {
            PhotoCondition.Rotated90 => Rotate(onDesk, 90),
            PhotoCondition.Rotated180 => Rotate(onDesk, 180),
            PhotoCondition.Rotated270 => Rotate(onDesk, 270),
            _ => onDesk,
        };
    }

    /// <summary>
    /// The clean capture as a small part of a large camera frame (the page photographed from further away): the
    /// page <paramref name="share"/> of the frame's width, the frame 4:3, JPEG quality 85. A document portrait then
    /// covers a few pixels of the face detector's whole-image input.
    /// </summary>
    public static byte[] PhotographFromAfar(SampleDocument document, int frameWidth = 2000, float share = 0.4f)
    {
        using var capture = Capture(document, PhotoCondition.Clean);
        var frameHeight = frameWidth * 3 / 4;
        using var frame = new SKBitmap(frameWidth, frameHeight);
        using (var canvas = new SKCanvas(frame))
        {
            canvas.Clear(new SKColor(0x6B, 0x4E, 0x37));
            var width = frameWidth * share;
            var height = width * capture.Height / capture.Width;
            using var paint = new SKPaint { IsAntialias = true };
            canvas.DrawBitmap(capture, SKRect.Create(frameWidth * 0.35f, frameHeight * 0.3f, width, height), paint);
        }
        using var data = frame.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }

    static SKBitmap PlaceOnDesk(SKBitmap page, PhotoCondition condition, Random random)
    {
        var margin = (int)(page.Width * 0.12f);
        var desk = new SKBitmap(page.Width + 2 * margin, page.Height + 2 * margin, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(desk);
        using (var wood = new SKPaint())
        {
            wood.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(desk.Width, desk.Height),
                [new SKColor(0x6B, 0x4E, 0x37), new SKColor(0x8A, 0x67, 0x4A), new SKColor(0x5E, 0x44, 0x30)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, desk.Width, desk.Height, wood);
        }

        var center = new SKPoint(desk.Width / 2f, desk.Height / 2f);
        canvas.Save();
        switch (condition)
        {
            case PhotoCondition.Skewed:
                canvas.RotateDegrees(5f, center.X, center.Y);
                break;
            case PhotoCondition.Perspective:
                canvas.SetMatrix(CameraTilt(center, page.Height));
                break;
            default:
                canvas.RotateDegrees((float)(random.NextDouble() - 0.5), center.X, center.Y);
                break;
        }

        using var sampling = new SKPaint { IsAntialias = true };
        if (condition == PhotoCondition.Blurred)
            sampling.ImageFilter = SKImageFilter.CreateBlur(2.2f, 2.2f);
        using (var shadow = new SKPaint { Color = new SKColor(0, 0, 0, 0x50), MaskFilter = SKMaskFilter.CreateBlur(SKBlurStyle.Normal, margin / 12f) })
            canvas.DrawRect(margin + 6, margin + 8, page.Width, page.Height, shadow);
        canvas.DrawBitmap(page, margin, margin, sampling);
        canvas.Restore();

        if (condition == PhotoCondition.Glare)
            DrawGlare(canvas, new SKPoint(margin + page.Width * 0.62f, margin + page.Height * 0.72f), page.Width * 0.22f);
        return desk;
    }

    /// <summary>A camera held below the document and tilted up: the far (top) edge shrinks, plus a few degrees of turn.</summary>
    static SKMatrix CameraTilt(SKPoint center, int pageHeight)
    {
        var tilt = SKMatrix.Identity;
        tilt.Persp1 = -0.28f / pageHeight;
        var toOrigin = SKMatrix.CreateTranslation(-center.X, -center.Y);
        var back = SKMatrix.CreateTranslation(center.X, center.Y);
        var turn = SKMatrix.CreateRotationDegrees(3f);
        var shrink = SKMatrix.CreateScale(0.9f, 0.9f);
        return back.PreConcat(shrink).PreConcat(turn).PreConcat(tilt).PreConcat(toOrigin);
    }

    /// <summary>A lamp's reflection: a bright spot fading out, overlapping the right end of the zone.</summary>
    static void DrawGlare(SKCanvas canvas, SKPoint spot, float radius)
    {
        using var glare = new SKPaint { IsAntialias = true };
        glare.Shader = SKShader.CreateRadialGradient(spot, radius,
            [new SKColor(255, 255, 255, 0xD8), new SKColor(255, 255, 250, 0x90), new SKColor(255, 255, 255, 0)],
            [0f, 0.45f, 1f], SKShaderTileMode.Clamp);
        canvas.DrawCircle(spot, radius, glare);
    }

    static void AddSensorNoise(SKBitmap bitmap, Random random, int amplitude)
    {
        var pixels = bitmap.GetPixelSpan();
        for (var i = 0; i < pixels.Length; i++)
        {
            if ((i & 3) == 3) continue;
            var noisy = pixels[i] + random.Next(-amplitude, amplitude + 1);
            pixels[i] = (byte)Math.Clamp(noisy, 0, 255);
        }
    }

    static SKBitmap Rotate(SKBitmap source, int degrees)
    {
        var quarterTurn = degrees % 180 != 0;
        var rotated = new SKBitmap(quarterTurn ? source.Height : source.Width, quarterTurn ? source.Width : source.Height, source.ColorType, source.AlphaType);
        using (var canvas = new SKCanvas(rotated))
        {
            canvas.Translate(rotated.Width / 2f, rotated.Height / 2f);
            canvas.RotateDegrees(degrees);
            canvas.Translate(-source.Width / 2f, -source.Height / 2f);
            canvas.DrawBitmap(source, 0, 0);
        }
        source.Dispose();
        return rotated;
    }
}
