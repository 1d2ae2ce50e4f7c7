using OpenCvSharp;
using Verilock.Checks.Faces;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests.Faces;

/// <summary>
/// The match's two improvements (docs/face-matching.md "A stronger match"): an embedding averaged with its mirror
/// image's, so a face and its mirror are one point; and a small face detected again at the detector's own scale, so
/// a portrait on a page photographed from afar is aligned by its own keypoints rather than by a few pixels.
/// </summary>
[Collection(FaceCollection.Name)]
public sealed class StrongerMatchTests(FaceFixture fixture)
{
    [Fact]
    public void An_aligned_face_and_its_mirror_image_have_the_same_embedding()
    {
        using var embedder = new FaceEmbedder(Path.Combine(FacePhotos.ModelsDirectory, "fr_feature.onnx"), new EmbedderOptions());
        foreach (var face in fixture.Faces)
        {
            using var image = Cv2.ImDecode(face.Selfie, ImreadModes.Color);
            var found = fixture.Analyzer.Detect(image).MaxBy(f => f.Area)!;
            using var aligned = FaceAligner.Align(image, found, embedder.InputSize);
            using var mirrored = new Mat();
            Cv2.Flip(aligned, mirrored, FlipMode.Y);
            // One view alone puts a face and its mirror 0.05–0.2 apart (cosine 0.8–0.95 on these faces).
            Assert.True(FaceEmbedder.Cosine(embedder.Embed(aligned), embedder.Embed(mirrored)) > 0.9999, $"{face}");
        }
    }

    [Fact]
    public void The_embedding_model_s_identity_says_the_embeddings_are_flip_averaged()
    {
        Assert.Matches("^fr_feature\\.onnx@sha256:[0-9a-f]{16}\\+flip$", fixture.Analyzer.EmbeddingModel);
        using var single = new FaceAnalyzer(FacePhotos.ModelsDirectory, new FaceModelOptions { Embedder = { FlipAverage = false } });
        Assert.Equal(fixture.Analyzer.EmbeddingModel[..^FaceAnalyzer.FlipAveraged.Length], single.EmbeddingModel);
    }

    /// <summary>
    /// The page a fifth of a 2000 × 1500 photo: the portrait's eyes are about 40 px apart in the upload but 5 px in
    /// the detector's whole-image input, and the keypoints found there put the aligned crop off the face.
    /// Unrefined, this holder scores about 0.5 (declined); on the development set such pages went from 199 to 207 of 207
    /// genuine pairs accepted.
    /// </summary>
    [Fact]
    public void A_portrait_on_a_page_photographed_from_afar_matches_its_holder_and_not_a_stranger()
    {
        const int photo = 2;
        var holder = fixture.In(photo, 0);
        var page = DocumentPhotographer.PhotographFromAfar(SampleDocuments.Specimen with { Portrait = holder.Picture });
        var portrait = fixture.Analyzer.AnalyzePortrait(page);
        Assert.NotNull(portrait.Embedding);
        var selfie = fixture.Analyzer.AnalyzeSelfie(holder.Selfie, withLiveness: false).Embedding!;
        var similarity = fixture.Analyzer.Compare(selfie, portrait.Embedding!).Similarity;
        Assert.True(similarity >= 0.80, $"holder scored {similarity}");
        foreach (var stranger in fixture.Faces.Where(f => f.Photo != photo).Take(6))
        {
            var strangerSimilarity = fixture.Analyzer.Compare(fixture.Analyzer.AnalyzeSelfie(stranger.Selfie, withLiveness: false).Embedding!, portrait.Embedding!).Similarity;
            Assert.True(strangerSimilarity < 0.60, $"{stranger} scored {strangerSimilarity}");
        }

        using var unrefined = new FaceAnalyzer(FacePhotos.ModelsDirectory, new FaceModelOptions { RefineFacesBelowShare = 0 });
        var before = unrefined.Compare(unrefined.AnalyzeSelfie(holder.Selfie, withLiveness: false).Embedding!, unrefined.AnalyzePortrait(page).Embedding!).Similarity;
        Assert.True(before < 0.80, $"without refinement the holder scored {before}: the test no longer shows what refinement does");
    }
}
