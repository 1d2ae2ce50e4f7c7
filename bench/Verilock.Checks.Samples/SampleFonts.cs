using SkiaSharp;

namespace Verilock.Checks.Samples;

/// <summary>
/// The typefaces the samples are printed in, from Debian packages (`fonts-ocr-b`, `fonts-dejavu-core`) that
/// `scripts/setup --for-tests` installs. Missing fonts fail loudly: a sample printed in a fallback face would
/// test something other than an OCR-B zone.
/// </summary>
public static class SampleFonts
{
    public const string OcrBPath = "/usr/share/fonts/opentype/ocr-b/OCRB.otf";
    const string SansPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
    const string SansBoldPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

    static readonly Lazy<SKTypeface> ocrB = new(() => Load(OcrBPath, "fonts-ocr-b"));
    static readonly Lazy<SKTypeface> sans = new(() => Load(SansPath, "fonts-dejavu-core"));
    static readonly Lazy<SKTypeface> sansBold = new(() => Load(SansBoldPath, "fonts-dejavu-core"));

    public static SKTypeface OcrB => ocrB.Value;
    public static SKTypeface Sans => sans.Value;
    public static SKTypeface SansBold => sansBold.Value;

    static SKTypeface Load(string path, string package)
    {
        if (!File.Exists(path))
            throw new InvalidOperationException($"Font {path} is missing: install the Debian package {package} (scripts/setup --for-tests does).");
        return SKTypeface.FromFile(path)
               ?? throw new InvalidOperationException($"Font {path} could not be loaded.");
    }
}
