namespace Verilock.Checks.Samples;

/// <summary>
/// A few faces of <see cref="FacePhotos"/> by where they are (boxes as the detector finds them, checked by eye), for
/// tests that upload a person's selfie without running a detector themselves.
/// </summary>
public static class KnownFaces
{
    /// <summary>sample6, rightmost: frontal, open eyes, even light.</summary>
    public static readonly FaceBox Holder = new(6, 1471, 311, 244, 244);

    /// <summary>sample6, third from the left: someone else, also frontal.</summary>
    public static readonly FaceBox Stranger = new(6, 1144, 352, 235, 235);

    /// <summary>sample4, leftmost: the head turned well to one side (about 38° of yaw).</summary>
    public static readonly FaceBox Turned = new(4, 236, 244, 184, 184);
}

public sealed record FaceBox(int Photo, float X, float Y, float Width, float Height)
{
    /// <summary>The face with a little room around it, alone, as a selfie shows it.</summary>
    public byte[] Selfie() => FaceAugmentations.CropAround(FacePhotos.Read(Photo), X, Y, Width, Height, margin: 0.35f);

    /// <summary>A passport data page printed with this face, photographed on a desk as a JPEG.</summary>
    public byte[] Passport(SampleDocument document) =>
        DocumentPhotographer.Photograph(document with { Portrait = FaceAugmentations.CropAround(FacePhotos.Read(Photo), X, Y, Width, Height, margin: 0.6f) },
            PhotoCondition.JpegQuality30);
}
