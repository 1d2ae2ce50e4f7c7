using OpenCvSharp;
using Verilock.Checks.Faces;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests.Faces;

/// <summary>
/// The face models from the repository's <c>models/</c> folder and the faces of the demo photos, cut out as
/// selfie-like JPEGs. Both come from <c>scripts/setup --for-tests</c>; without it the tests fail saying so.
/// </summary>
public sealed class FaceFixture : IDisposable
{
    public FaceFixture()
    {
        Analyzer = new FaceAnalyzer(FacePhotos.ModelsDirectory, new FaceModelOptions());
        for (var photo = 1; photo <= FacePhotos.Count; photo++)
        {
            var bytes = FacePhotos.Read(photo);
            using var image = Cv2.ImDecode(bytes, ImreadModes.Color);
            foreach (var face in Analyzer.Detect(image).Where(f => f.Frontality >= 0.25).OrderBy(f => f.Box.X))
            {
                var picture = FaceAugmentations.CropAround(bytes, face.Box.X, face.Box.Y, face.Box.Width, face.Box.Height);
                var selfie = FaceAugmentations.CropAround(bytes, face.Box.X, face.Box.Y, face.Box.Width, face.Box.Height, margin: 0.35f);
                Faces.Add(new Face(photo, (face.Box.X + face.Box.Width / 2) / image.Cols, picture, selfie));
            }
        }
    }

    public FaceAnalyzer Analyzer { get; }

    /// <summary>Every frontal face, by photo and then left to right.</summary>
    public List<Face> Faces { get; } = [];

    public Face In(int photo, int leftToRight) => Faces.Where(f => f.Photo == photo).ElementAt(leftToRight);

    /// <summary>The embedding of the face nearest the picture's centre (a wide crop can hold a neighbour's face too).</summary>
    public float[] Embed(byte[] picture)
    {
        using var image = Cv2.ImDecode(picture, ImreadModes.Color);
        var face = Analyzer.Detect(image).MinBy(f => Math.Abs(f.Box.X + f.Box.Width / 2 - image.Cols / 2f) + Math.Abs(f.Box.Y + f.Box.Height / 2 - image.Rows / 2f))
                   ?? throw new InvalidOperationException("No face in the picture.");
        return Analyzer.Embed(image, face);
    }

    public void Dispose() => Analyzer.Dispose();

    /// <param name="X">The face centre's position across its photo, 0..1.</param>
    /// <param name="Picture">The face with a face-width of room on each side (may show parts of neighbours).</param>
    /// <param name="Selfie">A tighter crop showing this face alone, as a selfie would.</param>
    public sealed record Face(int Photo, float X, byte[] Picture, byte[] Selfie)
    {
        public override string ToString() => $"sample{Photo} x={X:F2}";
    }
}

[CollectionDefinition(Name)]
public sealed class FaceCollection : ICollectionFixture<FaceFixture>
{
    public const string Name = "faces";
}
