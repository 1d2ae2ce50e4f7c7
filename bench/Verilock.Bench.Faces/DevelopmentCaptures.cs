using SkiaSharp;
using Verilock.Checks.Samples;

namespace Verilock.Bench.Faces;

/// <summary>
/// The two sides of a selfie-versus-document match, each under several capture conditions, made from one face of
/// the demo photos: selfies (as photographed, mirrored, recompressed, blurred, dark, tinted, small, combined) and
/// the face printed on a rendered passport page and photographed (desk conditions, pages shrunk by the browser to a
/// small portrait, a warm lamp, a page photo photographed again). Deterministic.
/// </summary>
internal static class DevelopmentCaptures
{
    public static IEnumerable<(string Name, byte[] Image)> Selfies(byte[] picture)
    {
        using var source = SKBitmap.Decode(picture);
        yield return ("as_photographed", picture);
        yield return ("mirror", FaceAugmentations.Mirrored(source));
        yield return ("jpeg_q30", FaceAugmentations.Encode(source, 30));
        yield return ("blur_2", FaceAugmentations.Filtered(source, SKImageFilter.CreateBlur(2f, 2f), null, 90));
        yield return ("dark_0.45", FaceAugmentations.Filtered(source, null, Matrix(0.45f, 0.45f, 0.45f, 0), 90));
        yield return ("warm_tint", FaceAugmentations.Filtered(source, null, Matrix(1.1f, 0.95f, 0.7f, 0.04f), 90));
        yield return ("cool_tint", FaceAugmentations.Filtered(source, null, Matrix(0.8f, 0.95f, 1.15f, 0.02f), 90));
        yield return ("small_1/4", FaceAugmentations.Scaled(source, 0.25f));
        using var half = SKBitmap.Decode(FaceAugmentations.Scaled(source, 0.5f));
        yield return ("1/2+blur_1+jpeg_q40", FaceAugmentations.Filtered(half, SKImageFilter.CreateBlur(1f, 1f), null, 40));
    }

    public static IEnumerable<(string Name, byte[] Image)> Documents(byte[] portrait, int seed)
    {
        var document = SampleDocuments.Specimen with { DocumentNumber = $"L8{seed:D3}990C", Portrait = portrait };
        yield return ("page_clean", DocumentPhotographer.Photograph(document, PhotoCondition.Clean));
        yield return ("page_jpeg_q30", DocumentPhotographer.Photograph(document, PhotoCondition.JpegQuality30));
        yield return ("page_skewed", DocumentPhotographer.Photograph(document, PhotoCondition.Skewed));
        yield return ("page_perspective", DocumentPhotographer.Photograph(document, PhotoCondition.Perspective));
        yield return ("page_blurred", DocumentPhotographer.Photograph(document, PhotoCondition.Blurred));
        yield return ("page_glare", DocumentPhotographer.Photograph(document, PhotoCondition.Glare));
        yield return ("page_4px/mm", DocumentPhotographer.Photograph(document, PhotoCondition.LowResolution));
        using var capture = DocumentPhotographer.Capture(document, PhotoCondition.Clean);
        // A phone upload shrunk by the browser: the portrait's eyes end up 20–35 px apart.
        yield return ("page_900px_jpeg_q70", Shrunk(capture, 900, null, 70));
        yield return ("page_650px_warm_jpeg_q60", Shrunk(capture, 650, Matrix(1.08f, 0.96f, 0.72f, 0.05f), 60));
        yield return ("page_rephotographed", Rephotographed(capture));
        yield return ("page_far_in_2000px", DocumentPhotographer.PhotographFromAfar(document));
        yield return ("page_450px_jpeg_q70", Shrunk(capture, 450, null, 70));
        var card = SampleDocuments.All.First(d => d.Layout == SampleLayout.IdCard) with { DocumentNumber = $"D2{seed:D3}5890", Portrait = portrait };
        yield return ("id_card_jpeg_q30", DocumentPhotographer.Photograph(card, PhotoCondition.JpegQuality30));
    }

    /// <summary>The page photo shown or printed and photographed again: turned, softened, darker and cooler, shrunk, recompressed.</summary>
    static byte[] Rephotographed(SKBitmap capture)
    {
        var (w, h) = ((int)(capture.Width * 0.6f), (int)(capture.Height * 0.6f));
        using var again = new SKBitmap(w, h);
        using (var canvas = new SKCanvas(again))
        {
            canvas.Clear(new SKColor(0x40, 0x3C, 0x38));
            canvas.Translate(w / 2f, h / 2f);
            canvas.RotateDegrees(-3f);
            canvas.Scale(0.57f);
            canvas.Translate(-capture.Width / 2f, -capture.Height / 2f);
            using var paint = new SKPaint
            {
                IsAntialias = true,
                ImageFilter = SKImageFilter.CreateBlur(1.3f, 1.3f),
                ColorFilter = Matrix(0.78f, 0.84f, 0.95f, 0.03f),
            };
            canvas.DrawBitmap(capture, 0, 0, paint);
        }
        return FaceAugmentations.Encode(again, 55);
    }

    static byte[] Shrunk(SKBitmap capture, int longSide, SKColorFilter? tint, int quality)
    {
        var factor = (float)longSide / Math.Max(capture.Width, capture.Height);
        using var small = capture.Resize(new SKImageInfo((int)(capture.Width * factor), (int)(capture.Height * factor)),
            new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
        return FaceAugmentations.Filtered(small, null, tint, quality);
    }

    /// <summary>Per-channel gain (R, G, B) and an offset added to all three.</summary>
    static SKColorFilter Matrix(float red, float green, float blue, float offset) => SKColorFilter.CreateColorMatrix(
    [
        red, 0, 0, 0, offset,
        0, green, 0, 0, offset,
        0, 0, blue, 0, offset,
        0, 0, 0, 1, 0,
    ]);
}
