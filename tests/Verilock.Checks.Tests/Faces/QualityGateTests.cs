using SkiaSharp;
using Verilock.Checks.Faces;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests.Faces;

/// <summary>Each selfie gate gives its reason on a picture that deserves it, and a good selfie passes them all.</summary>
[Collection(FaceCollection.Name)]
public sealed class QualityGateTests(FaceFixture fixture)
{
    FaceFixture.Face Good => fixture.In(6, 3);

    [Fact]
    public void A_clear_selfie_passes_every_gate()
    {
        var analysis = fixture.Analyzer.AnalyzeSelfie(Good.Selfie, withLiveness: true);
        Assert.Equal(1, analysis.FaceCount);
        Assert.Empty(analysis.Issues);
        Assert.NotNull(analysis.Embedding);
        Assert.InRange(analysis.LiveProbability!.Value, 0.5, 1.0);
    }

    [Fact]
    public void A_blurred_selfie_is_too_blurred() =>
        Assert.Contains(FaceIssues.TooBlurred, Issues(Edit(Good.Selfie, paint => paint.ImageFilter = SKImageFilter.CreateBlur(8, 8))));

    [Fact]
    public void A_dark_selfie_is_too_dark() =>
        Assert.Contains(FaceIssues.TooDark, Issues(Edit(Good.Selfie, paint => paint.ColorFilter = SKColorFilter.CreateColorMatrix(
            [0.25f, 0, 0, 0, 0, 0, 0.25f, 0, 0, 0, 0, 0, 0.25f, 0, 0, 0, 0, 0, 1, 0]))));

    [Fact]
    public void A_tiny_face_is_too_small()
    {
        using var bitmap = SKBitmap.Decode(Good.Selfie);
        Assert.Contains(FaceIssues.TooSmall, Issues(FaceAugmentations.Scaled(bitmap, 0.2f)));
    }

    [Fact]
    public void Closed_eyes_are_caught()
    {
        using var image = OpenCvSharp.Cv2.ImDecode(Good.Selfie, OpenCvSharp.ImreadModes.Color);
        var face = fixture.Analyzer.Detect(image).Single();
        var shut = FaceAugmentations.WithClosedEyes(Good.Selfie, (face.ImageLeftEye.X, face.ImageLeftEye.Y), (face.ImageRightEye.X, face.ImageRightEye.Y));
        Assert.Contains(FaceIssues.EyesClosed, Issues(shut));
    }

    /// <summary>A room-like picture without anyone in it: a wall, a window, a table.</summary>
    public static byte[] NoFace()
    {
        using var bitmap = new SKBitmap(640, 480);
        using (var canvas = new SKCanvas(bitmap))
        {
            using var wall = new SKPaint { Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, 480), [new SKColor(0xD8, 0xD0, 0xC0), new SKColor(0x90, 0x84, 0x70)], SKShaderTileMode.Clamp) };
            canvas.DrawRect(0, 0, 640, 480, wall);
            using var window = new SKPaint { Color = new SKColor(0xB8, 0xD8, 0xF0) };
            canvas.DrawRect(380, 60, 200, 150, window);
            using var table = new SKPaint { Color = new SKColor(0x6B, 0x4E, 0x37) };
            canvas.DrawRect(0, 360, 640, 120, table);
        }
        return FaceAugmentations.Encode(bitmap, 90);
    }

    [Fact]
    public void A_picture_without_a_face_counts_none()
    {
        var analysis = fixture.Analyzer.AnalyzeSelfie(NoFace(), withLiveness: true);
        Assert.Null(analysis.Problem);
        Assert.Equal(0, analysis.FaceCount);
        Assert.Null(analysis.Embedding);
    }

    public static TheoryData<string, byte[]> Malformed => new()
    {
        { "JPEG magic then noise", [0xFF, 0xD8, 0xFF, 0xE0, .. Enumerable.Range(0, 4000).Select(i => (byte)(i * 31 % 251)), 0xFF, 0xD9] },
        { "truncated JPEG", DocumentPhotographer.Photograph(SampleDocuments.All[1], PhotoCondition.JpegQuality30)[..5000] },
        { "PNG declaring 60000 × 60000 pixels", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, (byte)'I', (byte)'H', (byte)'D', (byte)'R', 0, 0, 0xEA, 0x60, 0, 0, 0xEA, 0x60, 8, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte)'I', (byte)'E', (byte)'N', (byte)'D', 0xAE, 0x42, 0x60, 0x82] },
        { "a PDF", "%PDF-1.7\n%%EOF"u8.ToArray() },
        { "empty", [] },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void A_malformed_selfie_is_unreadable_not_a_crash(string what, byte[] file)
    {
        var analysis = fixture.Analyzer.AnalyzeSelfie(file, withLiveness: true);
        Assert.True(analysis.Problem is not null, what);
        Assert.Equal(0, analysis.FaceCount);
        Assert.Equal(FrameObservation.NoFace, fixture.Analyzer.ObserveFrame(file));
    }

    IReadOnlyList<string> Issues(byte[] selfie)
    {
        var analysis = fixture.Analyzer.AnalyzeSelfie(selfie, withLiveness: false);
        Assert.Equal(1, analysis.FaceCount);
        return analysis.Issues;
    }

    static byte[] Edit(byte[] picture, Action<SKPaint> effect)
    {
        using var source = SKBitmap.Decode(picture);
        using var result = new SKBitmap(source.Width, source.Height);
        using (var canvas = new SKCanvas(result))
        using (var paint = new SKPaint())
        {
            effect(paint);
            canvas.DrawBitmap(source, 0, 0, paint);
        }
        return FaceAugmentations.Encode(result, 92);
    }
}
