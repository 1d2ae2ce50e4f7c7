using OpenCvSharp;

namespace Verilock.Checks.Documents;

/// <summary>
/// Cuts one MRZ line out of the full-resolution image as an upright strip with characters about
/// <see cref="CharacterHeight"/> px tall. One inverse affine warp does the rotation (any angle: skew, 90°,
/// 180°), the scaling (small captures are enlarged) and the crop, touching only the strip's pixels.
/// Uneven light is then divided out, so glare that washes out part of a line does not sink Tesseract's
/// global threshold. The other <see cref="StripStyle"/>s, read when the plain strip does not validate, also close
/// away dark lines thinner than an OCR-B stroke (guilloche, rosettes, the hairlines of a watermark) and binarise.
/// </summary>
internal static class MrzLineCropper
{
    /// <summary>
    /// Tesseract's time per line grows with the strip's size; on the rendered set 20 px reads about as well as
    /// 30 px in two thirds of the time, and much below that small captures start to lose characters.
    /// </summary>
    public const float CharacterHeight = 20f;

    public static Mat Crop(Mat gray, TextLineBox line, StripStyle style = StripStyle.Plain)
    {
        var characterHeight = style == StripStyle.CleanedLarge ? 1.5f * CharacterHeight : CharacterHeight;
        var scale = characterHeight / Math.Max(line.Height, 4f);
        var sourceWidth = line.Length + 1.6f * line.Height;
        // Tall enough for the whole line, short enough to keep the neighbouring MRZ lines out.
        var sourceHeight = 1.5f * line.Height;
        var size = new Size((int)MathF.Ceiling(sourceWidth * scale), (int)MathF.Ceiling(sourceHeight * scale));
        var d = line.Direction;
        var n = line.Down;
        var originX = line.Center.X - sourceWidth / 2f * d.X - sourceHeight / 2f * n.X;
        var originY = line.Center.Y - sourceWidth / 2f * d.Y - sourceHeight / 2f * n.Y;
        using var toSource = new Mat(2, 3, MatType.CV_64F);
        toSource.Set(0, 0, (double)(d.X / scale)); toSource.Set(0, 1, (double)(n.X / scale)); toSource.Set(0, 2, (double)originX);
        toSource.Set(1, 0, (double)(d.Y / scale)); toSource.Set(1, 1, (double)(n.Y / scale)); toSource.Set(1, 2, (double)originY);
        var strip = new Mat();
        Cv2.WarpAffine(gray, strip, toSource, size, InterpolationFlags.Cubic | InterpolationFlags.WarpInverseMap, BorderTypes.Replicate);
        FlattenLighting(strip);
        if (style is StripStyle.Cleaned or StripStyle.CleanedLarge)
            RemoveHairlines(strip, characterHeight);
        if (style == StripStyle.Mirrored)
            Cv2.Flip(strip, strip, FlipMode.Y);
        return strip;
    }

    /// <summary>
    /// An OCR-B stroke is about a seventh of the character height; a grey closing a tenth of it wide fills in
    /// darker lines thinner than that (security print under or over the zone) and leaves the strokes, which Otsu
    /// then separates from what is left of the pattern.
    /// </summary>
    static void RemoveHairlines(Mat strip, float characterHeight)
    {
        var side = Math.Max(2, (int)MathF.Round(characterHeight / 10f));
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(side, side)))
            Cv2.MorphologyEx(strip, strip, MorphTypes.Close, kernel);
        Cv2.Threshold(strip, strip, 0, 255, ThresholdTypes.Binary | ThresholdTypes.Otsu);
    }

    /// <summary>
    /// Divides by the local background (a closing wider than any character), leaving ink on white, then
    /// stretches each stretch of the line so its darkest ink is black: under glare the print is grey, and
    /// Tesseract's single global threshold would drop it.
    /// </summary>
    static void FlattenLighting(Mat strip)
    {
        var side = (int)(CharacterHeight * 1.5f);
        using var background = new Mat();
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(side, side)))
            Cv2.MorphologyEx(strip, background, MorphTypes.Close, kernel);
        Cv2.Divide(strip, background, strip, scale: 255);

        using var ink = new Mat();
        using (var kernel = Cv2.GetStructuringElement(MorphShapes.Rect, new Size(side * 2, strip.Height)))
            Cv2.Erode(strip, ink, kernel);
        Cv2.Blur(ink, ink, new Size(side, 1));
        // Where a stretch holds no real print its "darkest ink" is paper; cap the gain so noise stays noise.
        Cv2.Min(ink, MaxInkLevel, ink);
        using var range = new Mat();
        Cv2.Subtract(new Scalar(255), ink, range);
        Cv2.Subtract(strip, ink, strip);
        Cv2.Divide(strip, range, strip, scale: 255);
    }

    const double MaxInkLevel = 190;
}

/// <summary>How a line strip is prepared for OCR; each is one more vote on a hard zone.</summary>
internal enum StripStyle
{
    /// <summary>Lighting flattened, grey levels kept: the usual and cheapest read.</summary>
    Plain,

    /// <summary>Hairlines closed away, then binarised.</summary>
    Cleaned,

    /// <summary>As <see cref="Cleaned"/> with characters 1.5 times taller: small or blurred print keeps more detail.</summary>
    CleanedLarge,

    /// <summary>As <see cref="Plain"/>, mirrored left to right: a front camera's photo, saved mirrored.</summary>
    Mirrored,
}
