using OpenCvSharp;
using Verilock.Checks.Faces;
using Verilock.Checks.Samples;

namespace Verilock.Bench.FaceSearch;

/// <summary>
/// Real embeddings as a sanity check beside the synthetic million: the frontal faces of the demo photos
/// (<see cref="FacePhotos"/>), each cut out as a selfie-like crop (the reference) and re-captured the 14 ways of
/// <see cref="FaceAugmentations.Variants"/> (scaled, compressed, blurred, darker, brighter, rotated, mirrored, combined).
/// </summary>
internal static class RealFaces
{
    public static List<(int Face, string Capture, float[] Embedding)> Embed(string models)
    {
        using var analyzer = new FaceAnalyzer(models, new FaceModelOptions());
        var embeddings = new List<(int, string, float[])>();
        var faces = 0;
        for (var photo = 1; photo <= FacePhotos.Count; photo++)
        {
            var bytes = FacePhotos.Read(photo);
            using var image = Cv2.ImDecode(bytes, ImreadModes.Color);
            foreach (var face in analyzer.Detect(image).Where(f => f.Frontality >= new FaceQualityLimits().MinFrontality))
            {
                var picture = FaceAugmentations.CropAround(bytes, face.Box.X, face.Box.Y, face.Box.Width, face.Box.Height);
                if (EmbedCentral(analyzer, picture) is not { } reference)
                    continue;
                embeddings.Add((faces, "reference", reference));
                foreach (var (name, variant) in FaceAugmentations.Variants(picture))
                    if (EmbedCentral(analyzer, variant) is { } embedding)
                        embeddings.Add((faces, name, embedding));
                faces++;
            }
        }
        return embeddings;
    }

    /// <summary>The embedding of the face nearest the picture's centre (a crop can include a neighbour's face).</summary>
    private static float[]? EmbedCentral(FaceAnalyzer analyzer, byte[] picture)
    {
        using var image = Cv2.ImDecode(picture, ImreadModes.Color);
        var (cx, cy) = (image.Cols / 2f, image.Rows / 2f);
        var face = analyzer.Detect(image).MinBy(f => Math.Abs(f.Box.X + f.Box.Width / 2 - cx) + Math.Abs(f.Box.Y + f.Box.Height / 2 - cy));
        return face is null ? null : analyzer.Embed(image, face);
    }
}
