using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;
using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests;

/// <summary>A PDF upload is read through the scanned image on its first page (PdfPig extracts it; nothing is rendered).</summary>
public sealed class PdfUploadTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    [Fact]
    public void Reads_the_zone_from_a_jpeg_scan_inside_a_pdf()
    {
        var scan = DocumentPhotographer.Photograph(SampleDocuments.All[3], PhotoCondition.Skewed);
        var pdf = PdfWith((_, page) => page.AddJpeg(scan, new PdfRectangle(40, 300, 555, 700)));

        var result = fixture.Reader.Read(pdf, ReaderFixture.Today);

        Assert.Equal(DocumentReadOutcome.MrzRead, result.Outcome);
        Assert.Equal(SampleDocuments.All[3].MrzLines, result.Mrz!.Lines);
    }

    [Fact]
    public void Reads_the_zone_from_a_lossless_scan_inside_a_pdf()
    {
        var scan = DocumentPhotographer.Photograph(SampleDocuments.Specimen, PhotoCondition.Clean);
        var pdf = PdfWith((_, page) => page.AddPng(scan, new PdfRectangle(40, 300, 555, 700)));

        var result = fixture.Reader.Read(pdf, ReaderFixture.Today);

        Assert.Equal(DocumentReadOutcome.MrzRead, result.Outcome);
        Assert.Equal(SampleDocuments.Specimen.MrzLines, result.Mrz!.Lines);
    }

    [Fact]
    public void A_pdf_of_typed_text_without_a_scan_is_unreadable()
    {
        var pdf = PdfWith((builder, page) =>
        {
            var font = builder.AddStandard14Font(UglyToad.PdfPig.Fonts.Standard14Fonts.Standard14Font.Helvetica);
            page.AddText("P<UTOERIKSSON<<ANNA<MARIA", 12, new PdfPoint(40, 700), font);
        });

        var result = fixture.Reader.Read(pdf, ReaderFixture.Today);

        Assert.Equal(DocumentReadOutcome.UnreadableImage, result.Outcome);
        Assert.Equal("The PDF's first page holds no scanned image.", result.Problem);
    }

    /// <summary>
    /// PDF viewers draw an embedded JPEG as stored, whatever its EXIF says, so the checks must see what the operator
    /// sees: a scan tagged "mirrored" inside a PDF is read unmirrored (a standalone JPEG with the tag is turned).
    /// </summary>
    [Fact]
    public void A_jpeg_scan_inside_a_pdf_is_taken_as_stored_whatever_its_exif_says()
    {
        using var upright = OpenCvSharp.Cv2.ImDecode(DocumentPhotographer.Photograph(SampleDocuments.Specimen, PhotoCondition.Clean), OpenCvSharp.ImreadModes.Color);
        var scan = ExifWriter.WithExif(upright.ImEncode(".jpg"), orientation: 2);
        var pdf = PdfWith((_, page) => page.AddJpeg(scan, new PdfRectangle(40, 300, 555, 700)));

        var result = fixture.Reader.Read(pdf, ReaderFixture.Today);

        Assert.Equal(DocumentReadOutcome.MrzRead, result.Outcome);
        Assert.Equal(SampleDocuments.Specimen.MrzLines, result.Mrz!.Lines);
        // The same JPEG uploaded on its own is turned by its tag. (The reader now also reads mirrored photos, so
        // the pixels are compared instead of the outcome.)
        using var alone = UploadDecoder.DecodeGray(scan, new DecodeLimits(), out _)!;
        using var stored = OpenCvSharp.Cv2.ImDecode(scan, OpenCvSharp.ImreadModes.Grayscale | OpenCvSharp.ImreadModes.IgnoreOrientation);
        using var mirrored = stored.Flip(OpenCvSharp.FlipMode.Y);
        Assert.Equal(0, OpenCvSharp.Cv2.Norm(alone, mirrored, OpenCvSharp.NormTypes.INF));
    }

    static byte[] PdfWith(Action<PdfDocumentBuilder, PdfPageBuilder> draw)
    {
        using var builder = new PdfDocumentBuilder();
        draw(builder, builder.AddPage(UglyToad.PdfPig.Content.PageSize.A4));
        return builder.Build();
    }
}
