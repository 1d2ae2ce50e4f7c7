using OpenCvSharp;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests.Faces;

/// <summary>A selfie from a phone held upright whose camera stores the pixels sideways and tags them (EXIF 6, the usual case).</summary>
[Collection(FaceCollection.Name)]
public sealed class OrientedSelfieTests(FaceFixture fixture)
{
    [Fact]
    public void A_selfie_stored_sideways_with_orientation_6_is_the_same_face()
    {
        var face = fixture.In(3, 1);
        using var upright = Cv2.ImDecode(face.Selfie, ImreadModes.Color);
        var upload = ExifWriter.TaggedJpeg(upright, 6);

        var sideways = fixture.Analyzer.AnalyzeSelfie(upload, withLiveness: false);
        var reference = fixture.Analyzer.AnalyzeSelfie(face.Selfie, withLiveness: false);

        Assert.Null(sideways.Problem);
        Assert.Equal(1, sideways.FaceCount);
        Assert.NotNull(sideways.Embedding);
        Assert.Equal(reference.Issues, sideways.Issues);
        Assert.True(fixture.Analyzer.Compare(reference.Embedding!, sideways.Embedding!).Similarity >= 0.9);
        // Upright: the eyes sit above the mouth in the image the checks saw.
        Assert.True(sideways.Face!.ImageLeftEye.Y < sideways.Face.Mouth.Y);
    }
}
