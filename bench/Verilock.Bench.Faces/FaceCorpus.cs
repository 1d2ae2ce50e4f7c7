using OpenCvSharp;
using Verilock.Checks.Faces;
using Verilock.Checks.Samples;

namespace Verilock.Bench.Faces;

/// <summary>One face of the demo photos: who it is, its selfie-like crop, and the re-captures made from it.</summary>
internal sealed record CorpusFace(int Photo, int Identity, DetectedFace Box, byte[] Picture, float[] Reference, List<(string Name, float[] Embedding)> Probes, List<string> Misses);

/// <summary>Finds the faces in the demo photos and embeds each one's crop and every re-capture of it.</summary>
internal static class FaceCorpus
{
    public static (List<CorpusFace> Faces, List<string> Skipped) Build(FaceAnalyzer analyzer, bool withProbes = true)
    {
        var faces = new List<CorpusFace>();
        var skipped = new List<string>();
        for (var photo = 1; photo <= FacePhotos.Count; photo++)
        {
            var bytes = FacePhotos.Read(photo);
            using var image = Cv2.ImDecode(bytes, ImreadModes.Color);
            foreach (var face in analyzer.Detect(image))
            {
                if (face.Frontality < new FaceQualityLimits().MinFrontality)
                {
                    skipped.Add($"sample{photo} face at x={face.Box.X:F0}: profile (frontality {face.Frontality:F2})");
                    continue;
                }
                var identity = IdentityOf(photo, face, image) ?? 100 + faces.Count;
                var picture = FaceAugmentations.CropAround(bytes, face.Box.X, face.Box.Y, face.Box.Width, face.Box.Height);
                var reference = EmbedCentral(analyzer, picture);
                if (reference is null)
                {
                    skipped.Add($"sample{photo} face at x={face.Box.X:F0}: not found again in its own crop");
                    continue;
                }
                var corpusFace = new CorpusFace(photo, identity, face, picture, reference, [], []);
                foreach (var (name, variant) in withProbes ? FaceAugmentations.Variants(picture).Concat(Printed(picture, face, faces.Count)) : [])
                {
                    var embedding = name.StartsWith("document", StringComparison.Ordinal) ? Portrait(analyzer, variant) : EmbedCentral(analyzer, variant);
                    if (embedding is null)
                        corpusFace.Misses.Add(name);
                    else
                        corpusFace.Probes.Add((name, embedding));
                }
                faces.Add(corpusFace);
            }
        }
        return (faces, skipped);
    }

    /// <summary>The face printed on a rendered passport page, photographed on a desk (clean PNG, JPEG q30, skewed).</summary>
    static IEnumerable<(string, byte[])> Printed(byte[] picture, DetectedFace face, int seed)
    {
        var document = SampleDocuments.Specimen with { DocumentNumber = $"L89890{seed:D2}C", Portrait = TightPortrait(picture) };
        yield return ("document_clean", DocumentPhotographer.Photograph(document, PhotoCondition.Clean));
        yield return ("document_jpeg_q30", DocumentPhotographer.Photograph(document, PhotoCondition.JpegQuality30));
        yield return ("document_skewed", DocumentPhotographer.Photograph(document, PhotoCondition.Skewed));
    }

    /// <summary>A passport-style head-and-shoulders crop of the selfie-like picture (the face is its middle third).</summary>
    public static byte[] TightPortrait(byte[] picture)
    {
        using var source = SkiaSharp.SKBitmap.Decode(picture);
        var (w, h) = (source.Width, source.Height);
        var rect = new SkiaSharp.SKRectI((int)(w * 0.22), (int)(h * 0.15), (int)(w * 0.78), (int)(h * 0.88));
        using var crop = new SkiaSharp.SKBitmap(rect.Width, rect.Height);
        source.ExtractSubset(crop, rect);
        return FaceAugmentations.Encode(crop, 95);
    }

    static int? IdentityOf(int photo, DetectedFace face, Mat image)
    {
        var (cx, cy) = ((face.Box.X + face.Box.Width / 2) / image.Cols, (face.Box.Y + face.Box.Height / 2) / image.Rows);
        return FacePhotos.SamePerson.Any(p => p.Photo == photo && Math.Abs(p.X - cx) < 0.08 && Math.Abs(p.Y - cy) < 0.12) ? 1 : null;
    }

    /// <summary>The embedding of the face nearest the picture's centre (crops can include a neighbour's face).</summary>
    public static float[]? EmbedCentral(FaceAnalyzer analyzer, byte[] picture)
    {
        using var image = Cv2.ImDecode(picture, ImreadModes.Color);
        var centre = new Point2f(image.Cols / 2f, image.Rows / 2f);
        var face = analyzer.Detect(image).MinBy(f => Math.Abs(f.Box.X + f.Box.Width / 2 - centre.X) + Math.Abs(f.Box.Y + f.Box.Height / 2 - centre.Y));
        return face is null ? null : analyzer.Embed(image, face);
    }

    static float[]? Portrait(FaceAnalyzer analyzer, byte[] document) => analyzer.AnalyzePortrait(document).Embedding;
}
