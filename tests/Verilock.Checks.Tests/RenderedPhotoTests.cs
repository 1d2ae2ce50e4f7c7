using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests;

/// <summary>
/// Every sample document (passport pages and ID cards rendered with an OCR-B zone) photographed under every
/// condition the reader must cope with, read end to end with the exact fields expected.
/// </summary>
public sealed class RenderedPhotoTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    public static TheoryData<int, PhotoCondition> Photos()
    {
        var data = new TheoryData<int, PhotoCondition>();
        for (var document = 0; document < SampleDocuments.All.Count; document++)
            foreach (var condition in Enum.GetValues<PhotoCondition>())
                data.Add(document, condition);
        return data;
    }

    [Theory]
    [MemberData(nameof(Photos))]
    public void Reads_the_zone_exactly(int documentIndex, PhotoCondition condition)
    {
        var document = SampleDocuments.All[documentIndex];

        var result = fixture.Reader.Read(DocumentPhotographer.Photograph(document, condition), ReaderFixture.Today);

        Assert.Equal(DocumentReadOutcome.MrzRead, result.Outcome);
        Assert.Null(result.Problem);
        Assert.InRange(result.OcrConfidence, 0.6, 1.0);
        var mrz = result.Mrz!;
        Assert.Equal(document.MrzLines, mrz.Lines);
        Assert.True(mrz.IsValid);
        Assert.Equal(document.DocumentCode, mrz.DocumentCode);
        Assert.Equal(document.IssuingState, mrz.IssuingState);
        Assert.Equal(document.NamesInZone.Surname, mrz.Surname);
        Assert.Equal(document.NamesInZone.GivenNames, mrz.GivenNames);
        Assert.Equal(document.DocumentNumber, mrz.DocumentNumber);
        Assert.Equal(document.Nationality, mrz.Nationality);
        Assert.Equal(document.DateOfBirth, mrz.DateOfBirth);
        Assert.Equal(document.Sex.ToString(), mrz.Sex);
        Assert.Equal(document.ExpiryDate, mrz.ExpiryDate);
        Assert.NotNull(result.Quality);
    }

    [Fact]
    public void A_large_phone_photo_is_decoded_at_reduced_scale_and_still_read()
    {
        using var page = DocumentPageRenderer.Render(SampleDocuments.Specimen, pixelsPerMm: 28f);
        using var data = page.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        Assert.True(page.Width * page.Height > 8_000_000, "the sample must be large enough to take the reduced decode path");

        var result = fixture.Reader.Read(data.ToArray(), ReaderFixture.Today);

        Assert.Equal(DocumentReadOutcome.MrzRead, result.Outcome);
        Assert.Equal(SampleDocuments.Specimen.MrzLines, result.Mrz!.Lines);
    }

    [Fact]
    public void Quality_signals_tell_blur_and_glare_from_a_clean_capture()
    {
        var document = SampleDocuments.Specimen;
        var clean = fixture.Reader.Read(DocumentPhotographer.Photograph(document, PhotoCondition.Clean), ReaderFixture.Today).Quality!;
        var blurred = fixture.Reader.Read(DocumentPhotographer.Photograph(document, PhotoCondition.Blurred), ReaderFixture.Today).Quality!;
        var glare = fixture.Reader.Read(DocumentPhotographer.Photograph(document, PhotoCondition.Glare), ReaderFixture.Today).Quality!;

        Assert.True(blurred.Sharpness < clean.Sharpness / 5, $"blurred {blurred.Sharpness} vs clean {clean.Sharpness}");
        Assert.True(glare.GlareFraction > clean.GlareFraction + 0.003, $"glare {glare.GlareFraction} vs clean {clean.GlareFraction}");
    }

    [Fact]
    public void Concurrent_reads_from_several_workers_each_get_their_own_document()
    {
        var photos = SampleDocuments.All
            .Select(d => (Document: d, Bytes: DocumentPhotographer.Photograph(d, PhotoCondition.Skewed)))
            .ToArray();

        var results = new DocumentReadResult[photos.Length * 2];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 4 },
            i => results[i] = fixture.Reader.Read(photos[i % photos.Length].Bytes, ReaderFixture.Today));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(DocumentReadOutcome.MrzRead, results[i].Outcome);
            Assert.Equal(photos[i % photos.Length].Document.MrzLines, results[i].Mrz!.Lines);
        }
    }
}
