using OpenCvSharp;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests.Faces;

/// <summary>BlazeFace on real photos: every face is found, nothing else, and the keypoints sit where eyes and noses are.</summary>
[Collection(FaceCollection.Name)]
public sealed class DetectionTests(FaceFixture fixture)
{
    public static TheoryData<int> Photos => new(Enumerable.Range(1, FacePhotos.Count));

    [Theory]
    [MemberData(nameof(Photos))]
    public void Every_face_of_a_group_photo_is_counted(int photo)
    {
        using var image = Cv2.ImDecode(FacePhotos.Read(photo), ImreadModes.Color);
        var faces = fixture.Analyzer.Detect(image);
        Assert.Equal(FacePhotos.FacesPerPhoto[photo - 1], faces.Count);
        foreach (var face in faces)
        {
            // Eyes above the nose, the nose above the mouth, all inside the box.
            Assert.True(face.ImageLeftEye.Y < face.Mouth.Y && face.ImageRightEye.Y < face.Mouth.Y, $"eyes below the mouth in {face}");
            Assert.True(face.ImageLeftEye.X < face.ImageRightEye.X, $"eyes swapped in {face}");
            Assert.InRange(face.Nose.X, face.Box.Left, face.Box.Right);
        }
    }

    [Fact]
    public void A_group_photo_as_a_selfie_reports_its_faces_and_embeds_none()
    {
        var analysis = fixture.Analyzer.AnalyzeSelfie(FacePhotos.Read(4), withLiveness: false);
        Assert.Equal(4, analysis.FaceCount);
        Assert.Null(analysis.Embedding);
    }

    [Fact]
    public void A_document_photo_taken_sideways_still_yields_its_portrait()
    {
        var face = fixture.In(3, 1);
        var document = SampleDocuments.Specimen with { Portrait = face.Picture };
        var sideways = fixture.Analyzer.AnalyzePortrait(DocumentPhotographer.Photograph(document, PhotoCondition.Rotated90));
        var selfie = fixture.Analyzer.AnalyzeSelfie(face.Picture, withLiveness: false);
        Assert.NotNull(sideways.Embedding);
        Assert.True(fixture.Analyzer.Compare(selfie.Embedding!, sideways.Embedding!).Similarity >= 0.80);
    }
}
