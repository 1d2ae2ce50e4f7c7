using Verilock.Checks.Faces;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests.Faces;

/// <summary>
/// The match on real faces with the configured thresholds: the same face after what capture does to it stays in
/// the approved band, different people never reach it, and a face printed on a document matches its selfie.
/// </summary>
[Collection(FaceCollection.Name)]
public sealed class MatchingTests(FaceFixture fixture)
{
    [Fact]
    public void The_same_face_matches_under_rescaling_compression_light_rotation_and_mirroring()
    {
        var failures = new List<string>();
        foreach (var face in fixture.Faces)
        {
            var reference = Embedding(face.Picture);
            foreach (var (name, variant) in FaceAugmentations.Variants(face.Picture).Where(v => v.Name != "blur_2.5"))
            {
                var similarity = fixture.Analyzer.Compare(reference, fixture.Embed(variant)).Similarity;
                if (similarity < 0.80)
                    failures.Add($"{face} {name}: {similarity}");
            }
        }
        Assert.Empty(failures);
    }

    [Fact]
    public void Different_people_never_reach_the_approved_band()
    {
        var embeddings = fixture.Faces.Select(f => (Face: f, Embedding: Embedding(f.Picture))).ToList();
        var samePerson = FacePhotos.SamePerson.Select(p => fixture.Faces.MinBy(f => f.Photo == p.Photo ? Math.Abs(f.X - p.X) : 9)!).ToHashSet();
        foreach (var a in embeddings)
            foreach (var b in embeddings.Where(b => !ReferenceEquals(a.Face, b.Face) && !(samePerson.Contains(a.Face) && samePerson.Contains(b.Face))))
            {
                var similarity = fixture.Analyzer.Compare(a.Embedding, b.Embedding).Similarity;
                Assert.True(similarity < 0.80, $"{a.Face} and {b.Face} scored {similarity}");
            }
    }

    [Fact]
    public void The_person_in_two_photos_matches_across_them()
    {
        var (first, second) = (FacePhotos.SamePerson[0], FacePhotos.SamePerson[1]);
        var a = fixture.Faces.Where(f => f.Photo == first.Photo).MinBy(f => Math.Abs(f.X - first.X))!;
        var b = fixture.Faces.Where(f => f.Photo == second.Photo).MinBy(f => Math.Abs(f.X - second.X))!;
        var similarity = fixture.Analyzer.Compare(Embedding(a.Picture), Embedding(b.Picture)).Similarity;
        Assert.InRange(similarity, 0.80, 1.0);
    }

    [Theory]
    [InlineData(PhotoCondition.Clean)]
    [InlineData(PhotoCondition.JpegQuality30)]
    [InlineData(PhotoCondition.Skewed)]
    public void A_face_printed_on_a_passport_page_matches_the_selfie_of_that_person_only(PhotoCondition condition)
    {
        var holder = fixture.In(6, 3);
        var stranger = fixture.In(6, 2);
        var document = SampleDocuments.Specimen with { Portrait = holder.Picture };
        var portrait = fixture.Analyzer.AnalyzePortrait(DocumentPhotographer.Photograph(document, condition));
        Assert.NotNull(portrait.Embedding);

        var selfie = FaceAugmentations.Mirrored(SkiaSharp.SKBitmap.Decode(holder.Picture));
        var (similarity, _) = fixture.Analyzer.Compare(Embedding(selfie), portrait.Embedding!);
        Assert.True(similarity >= 0.80, $"holder scored {similarity}");
        Assert.Equal(similarity >= 0.90 ? "very_high" : "high", FaceMatchScale.Label(similarity));
        var (strangerSimilarity, _) = fixture.Analyzer.Compare(Embedding(stranger.Picture), portrait.Embedding!);
        Assert.True(strangerSimilarity < 0.60, $"stranger scored {strangerSimilarity}");
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.34, 0.60)]
    [InlineData(0.50, 0.80)]
    [InlineData(0.65, 0.90)]
    [InlineData(1.0, 1.0)]
    [InlineData(-0.4, 0.0)]
    public void The_calibrated_thresholds_land_on_the_spec_band_edges(double cosine, double similarity) =>
        Assert.Equal(similarity, FaceMatchScale.Similarity(cosine, new FaceMatchThresholds()), 3);

    float[] Embedding(byte[] picture) => fixture.Embed(picture);
}
