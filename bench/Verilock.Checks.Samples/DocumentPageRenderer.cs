using SkiaSharp;

namespace Verilock.Checks.Samples;

/// <summary>
/// Draws a flat, straight-on document like the one a scanner would produce: a passport data page (TD3,
/// 125 × 88 mm) or the back of an ID card (TD1, 85.6 × 54 mm), with a guilloche background, printed labels
/// and values, the holder's portrait (a real photo when the document has one, else a drawn stand-in), and the
/// machine-readable zone in OCR-B at the ICAO pitch of 2.54 mm. Visa stickers (MRV-A 120 × 80 mm, MRV-B
/// 105 × 74 mm) are laid out like the passport page. A <see cref="PageStyle"/> adds the security print and
/// colours of harder real documents: patterns under the zone, watermarks over it, tinted paper, faded ink.
/// </summary>
public static class DocumentPageRenderer
{
    const float CharacterPitchMm = 2.54f;
    const float MrzLinePitchMm = 4.3f;

    static readonly SKColor[] PlainPaper = [new(0xEE, 0xF3, 0xEA), new(0xE6, 0xEC, 0xF5), new(0xF4, 0xEC, 0xE4)];
    static readonly SKColor PlainInk = new(0x10, 0x10, 0x14);

    public static (float Width, float Height) PageSizeMm(SampleLayout layout) => layout switch
    {
        SampleLayout.Passport => (125f, 88f),
        SampleLayout.VisaA => (120f, 80f),
        SampleLayout.VisaB => (105f, 74f),
        _ => (85.6f, 54f),
    };

    public static SKBitmap Render(SampleDocument document, float pixelsPerMm, PageStyle? style = null)
    {
        var (widthMm, heightMm) = PageSizeMm(document.Layout);
        var bitmap = new SKBitmap((int)MathF.Round(widthMm * pixelsPerMm), (int)MathF.Round(heightMm * pixelsPerMm), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var canvas = new SKCanvas(bitmap);
        canvas.Scale(pixelsPerMm);
        DrawBackground(canvas, widthMm, heightMm, style?.Paper ?? PlainPaper);
        style?.UnderPrint?.Invoke(canvas, widthMm, heightMm);
        switch (document.Layout)
        {
            case SampleLayout.Passport:
                DrawPassportFields(canvas, document, "PASSPORT  PASSEPORT  PASAPORTE");
                break;
            case SampleLayout.IdCard:
                DrawIdCardBack(canvas, document);
                break;
            default:
                DrawPassportFields(canvas, document, "VISA  VISA  VISADO");
                break;
        }
        DrawMrz(canvas, document.MrzLines, widthMm, heightMm, style?.MrzInk ?? PlainInk);
        style?.OverPrint?.Invoke(canvas, widthMm, heightMm);
        return bitmap;
    }

    static void DrawBackground(SKCanvas canvas, float widthMm, float heightMm, SKColor[] paper)
    {
        using var fill = new SKPaint { IsAntialias = true };
        fill.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(widthMm, heightMm), paper, SKShaderTileMode.Clamp);
        canvas.DrawRect(0, 0, widthMm, heightMm, fill);

        using var guilloche = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.08f, Color = new SKColor(0x9F, 0xB8, 0xC9, 0x90) };
        for (var wave = 0; wave < 24; wave++)
        {
            using var path = new SKPath();
            for (var x = 0f; x <= widthMm; x += 0.5f)
            {
                var y = heightMm * 0.08f + wave * heightMm / 26f + 1.6f * MathF.Sin(x / 5.5f + wave * 0.7f) * MathF.Cos(x / 17f);
                if (x == 0) path.MoveTo(x, y); else path.LineTo(x, y);
            }
            canvas.DrawPath(path, guilloche);
        }
    }

    static void DrawPassportFields(SKCanvas canvas, SampleDocument d, string title)
    {
        Text(canvas, title, 6, 6.5f, 3.2f, bold: true, new SKColor(0x23, 0x3A, 0x5E));
        Text(canvas, StateName(d.IssuingState), 80, 6.5f, 3.2f, bold: true, new SKColor(0x23, 0x3A, 0x5E));
        DrawPortrait(canvas, new SKRect(6, 12, 40, 56), d.Portrait);

        var rows = new (string Label, string Value)[]
        {
            ("Type / Type", d.DocumentCode), ("Code / Code", d.IssuingState), ("Passport No. / No. du passeport", d.DocumentNumber),
            ("Surname / Nom", d.Surname), ("Given names / Prénoms", d.GivenNames), ("Nationality / Nationalité", StateName(d.Nationality)),
            ("Date of birth / Date de naissance", Printed(d.DateOfBirth)), ("Sex / Sexe", d.Sex.ToString()),
            ("Date of expiry / Date d'expiration", Printed(d.ExpiryDate)),
        };
        var y = 13.5f;
        foreach (var (label, value) in rows)
        {
            Text(canvas, label, 45, y, 1.7f, bold: false, new SKColor(0x4A, 0x55, 0x66));
            Text(canvas, value, 45, y + 3.2f, 2.6f, bold: true, new SKColor(0x1A, 0x1A, 0x1A));
            y += 5.3f;
        }
        DrawSignature(canvas, new SKPoint(8, 61));
    }

    static void DrawIdCardBack(SKCanvas canvas, SampleDocument d)
    {
        Text(canvas, "IDENTITY CARD  CARTE D'IDENTITÉ", 4, 5.5f, 2.6f, bold: true, new SKColor(0x23, 0x3A, 0x5E));
        Text(canvas, "Address / Adresse", 4, 10.5f, 1.6f, bold: false, new SKColor(0x4A, 0x55, 0x66));
        Text(canvas, "12 RUE DES LILAS, 75011 PARIS", 4, 13.5f, 2.3f, bold: true, new SKColor(0x1A, 0x1A, 0x1A));
        Text(canvas, "Issued by / Délivrée par", 4, 18f, 1.6f, bold: false, new SKColor(0x4A, 0x55, 0x66));
        Text(canvas, "PREFECTURE  " + StateName(d.IssuingState), 4, 21f, 2.3f, bold: true, new SKColor(0x1A, 0x1A, 0x1A));
        Text(canvas, "Date of issue / Date de délivrance  " + Printed(d.ExpiryDate.AddYears(-10)), 4, 25.5f, 1.8f, bold: false, new SKColor(0x1A, 0x1A, 0x1A));
        DrawPortrait(canvas, new SKRect(66, 4, 81, 24), d.Portrait);
    }

    static void DrawPortrait(SKCanvas canvas, SKRect box, byte[]? photo)
    {
        if (photo is not null)
        {
            PrintPhoto(canvas, box, photo);
            return;
        }
        using var backdrop = new SKPaint { IsAntialias = true };
        backdrop.Shader = SKShader.CreateLinearGradient(new SKPoint(box.Left, box.Top), new SKPoint(box.Left, box.Bottom),
            [new SKColor(0xB8, 0xC4, 0xD0), new SKColor(0x8E, 0x9B, 0xA8)], SKShaderTileMode.Clamp);
        canvas.Save();
        canvas.ClipRect(box);
        canvas.DrawRect(box, backdrop);
        using var skin = new SKPaint { IsAntialias = true, Color = new SKColor(0xC9, 0x9A, 0x7C) };
        using var hair = new SKPaint { IsAntialias = true, Color = new SKColor(0x3B, 0x2A, 0x20) };
        using var clothes = new SKPaint { IsAntialias = true, Color = new SKColor(0x2F, 0x3B, 0x4C) };
        var cx = box.MidX;
        var w = box.Width;
        var h = box.Height;
        canvas.DrawOval(new SKRect(cx - w * 0.45f, box.Top + h * 0.72f, cx + w * 0.45f, box.Bottom + h * 0.25f), clothes);
        canvas.DrawOval(new SKRect(cx - w * 0.26f, box.Top + h * 0.12f, cx + w * 0.26f, box.Top + h * 0.5f), hair);
        canvas.DrawOval(new SKRect(cx - w * 0.22f, box.Top + h * 0.2f, cx + w * 0.22f, box.Top + h * 0.72f), skin);
        using var eye = new SKPaint { IsAntialias = true, Color = new SKColor(0x2A, 0x22, 0x1E) };
        canvas.DrawOval(new SKPoint(cx - w * 0.09f, box.Top + h * 0.42f), new SKSize(w * 0.035f, h * 0.015f), eye);
        canvas.DrawOval(new SKPoint(cx + w * 0.09f, box.Top + h * 0.42f), new SKSize(w * 0.035f, h * 0.015f), eye);
        canvas.Restore();
    }

    /// <summary>
    /// Prints the photo as document printers do: cropped to fill the box, colours a little washed out, and the
    /// page's guilloche faintly over it (a security feature, and what makes a printed face harder to match).
    /// </summary>
    static void PrintPhoto(SKCanvas canvas, SKRect box, byte[] photo)
    {
        using var bitmap = SKBitmap.Decode(photo) ?? throw new ArgumentException("The portrait is not a decodable image.", nameof(photo));
        var scale = Math.Max(box.Width / bitmap.Width, box.Height / bitmap.Height);
        var (width, height) = (box.Width / scale, box.Height / scale);
        var source = SKRect.Create((bitmap.Width - width) / 2, (bitmap.Height - height) / 2, width, height);
        using var image = SKImage.FromBitmap(bitmap);
        using var paint = new SKPaint
        {
            ColorFilter = SKColorFilter.CreateColorMatrix(
            [
                0.80f, 0.10f, 0.05f, 0, 0.06f,
                0.08f, 0.80f, 0.07f, 0, 0.06f,
                0.06f, 0.10f, 0.78f, 0, 0.08f,
                0, 0, 0, 1, 0,
            ]),
        };
        canvas.DrawImage(image, source, box, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        using var guilloche = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.06f, Color = new SKColor(0xB0, 0xC4, 0xD4, 0x40) };
        canvas.Save();
        canvas.ClipRect(box);
        for (var y = box.Top; y < box.Bottom; y += 2.2f)
            canvas.DrawLine(box.Left, y, box.Right, y + 1.5f, guilloche);
        canvas.Restore();
    }

    static void DrawSignature(SKCanvas canvas, SKPoint origin)
    {
        using var pen = new SKPaint { IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = 0.3f, Color = new SKColor(0x1C, 0x2B, 0x6B) };
        using var path = new SKPath();
        path.MoveTo(origin);
        for (var t = 0f; t < 26; t += 0.25f)
            path.LineTo(origin.X + t, origin.Y + 1.6f * MathF.Sin(t * 1.3f) - 0.05f * t);
        canvas.DrawPath(path, pen);
    }

    static void DrawMrz(SKCanvas canvas, IReadOnlyList<string> lines, float widthMm, float heightMm, SKColor inkColor)
    {
        using var font = Font(SampleFonts.OcrB, 100f);
        // Size the face so one character advances exactly the ICAO pitch, whatever the font's em box.
        font.Size = 100f * CharacterPitchMm / font.MeasureText("<");
        using var ink = new SKPaint { IsAntialias = true, Color = inkColor };
        var left = widthMm switch { 125f => 6f, 85.6f => 4.7f, _ => (widthMm - lines[0].Length * CharacterPitchMm) / 2f };
        var baseline = heightMm - 4.2f - (lines.Count - 1) * MrzLinePitchMm;
        foreach (var line in lines)
        {
            canvas.DrawText(line, left, baseline, SKTextAlign.Left, font, ink);
            baseline += MrzLinePitchMm;
        }
    }

    static void Text(SKCanvas canvas, string text, float x, float y, float sizeMm, bool bold, SKColor color)
    {
        using var font = Font(bold ? SampleFonts.SansBold : SampleFonts.Sans, sizeMm);
        using var paint = new SKPaint { IsAntialias = true, Color = color };
        canvas.DrawText(text, x, y, SKTextAlign.Left, font, paint);
    }

    /// <summary>The canvas works in millimetres, so glyphs are a few units tall: hinting to whole units would wreck their spacing.</summary>
    static SKFont Font(SKTypeface typeface, float size) =>
        new(typeface, size) { Hinting = SKFontHinting.None, Subpixel = true, LinearMetrics = true };

    static string Printed(DateOnly date) => date.ToString("dd MMM yyyy", System.Globalization.CultureInfo.InvariantCulture).ToUpperInvariant();

    static string StateName(string code) => code switch
    {
        "UTO" => "UTOPIA",
        "D" => "DEUTSCHLAND",
        "GBR" => "UNITED KINGDOM",
        "FRA" => "FRANCE",
        _ => code,
    };
}
