using OpenCvSharp;
using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests.Orientation;

/// <summary>
/// Phone photos whose pixels are stored sideways, upside down or mirrored with an EXIF Orientation tag saying so:
/// every check must see them upright. The MRZ reader copes with the four rotations by itself, so it is the mirrored
/// tags (2, 4, 5, 7) that only read when the tag is honoured; the decoder test catches a wrong turn for all of them.
/// </summary>
public sealed class OrientedUploadTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    static readonly DecodeLimits Limits = new();

    public static TheoryData<int, bool> Orientations()
    {
        var data = new TheoryData<int, bool>();
        for (var orientation = 1; orientation <= 8; orientation++)
            data.Add(orientation, true);
        // Big-endian ("MM") EXIF, as some cameras write it.
        data.Add(5, false);
        data.Add(6, false);
        return data;
    }

    static Mat UprightPassport(ImreadModes mode) =>
        Cv2.ImDecode(DocumentPhotographer.Photograph(SampleDocuments.Specimen, PhotoCondition.Clean), mode);

    [Theory]
    [MemberData(nameof(Orientations))]
    public void A_passport_photo_in_any_exif_orientation_reads_exactly(int orientation, bool littleEndian)
    {
        var document = SampleDocuments.Specimen;
        using var upright = UprightPassport(ImreadModes.Color);
        var upload = ExifWriter.TaggedJpeg(upright, orientation, littleEndian);

        var result = fixture.Reader.Read(upload, ReaderFixture.Today);

        Assert.Equal(DocumentReadOutcome.MrzRead, result.Outcome);
        Assert.Equal(document.MrzLines, result.Mrz!.Lines);
        Assert.Equal(document.DocumentNumber, result.Mrz.DocumentNumber);
        Assert.Equal(document.DateOfBirth, result.Mrz.DateOfBirth);
        Assert.Equal(document.ExpiryDate, result.Mrz.ExpiryDate);
    }

    [Theory]
    [MemberData(nameof(Orientations))]
    public void The_decoder_turns_the_stored_pixels_back_upright(int orientation, bool littleEndian)
    {
        using var upright = UprightPassport(ImreadModes.Grayscale);
        var upload = ExifWriter.TaggedJpeg(upright, orientation, littleEndian);

        using var decoded = UploadDecoder.DecodeGray(upload, Limits, out var problem);

        Assert.Null(problem);
        AssertSamePicture(upright, decoded!);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(7)]
    public void A_png_with_an_exif_chunk_is_turned_upright(int orientation)
    {
        using var upright = UprightPassport(ImreadModes.Grayscale);
        using var stored = ExifWriter.StoredAs(upright, orientation);
        var upload = ExifWriter.WithExifChunk(stored.ImEncode(".png"), orientation);

        using var decoded = UploadDecoder.DecodeColor(upload, Limits, allowPdf: false, out var problem);
        using var gray = decoded!.CvtColor(ColorConversionCodes.BGR2GRAY);

        Assert.Null(problem);
        AssertSamePicture(upright, gray);
    }

    [Fact]
    public void A_large_tagged_photo_takes_the_reduced_decode_and_is_still_turned_once()
    {
        using var page = DocumentPageRenderer.Render(SampleDocuments.Specimen, pixelsPerMm: 28f);
        using var encoded = page.Encode(SkiaSharp.SKEncodedImageFormat.Jpeg, 90);
        using var upright = Cv2.ImDecode(encoded.ToArray(), ImreadModes.Grayscale);
        var upload = ExifWriter.TaggedJpeg(upright, 6);

        using var decoded = UploadDecoder.DecodeGray(upload, Limits, out _);
        using var expected = upright.Resize(new Size(decoded!.Cols, decoded.Rows), interpolation: InterpolationFlags.Area);

        Assert.True(decoded.Cols < upright.Cols, "the sample must take the reduced decode path");
        AssertSamePicture(expected, decoded);
    }

    /// <summary>
    /// Why the decoder passes IgnoreOrientation: this OpenCV build turns tagged JPEGs by itself in the plain and the
    /// reduced modes, so applying the tag on top of its decode would turn the picture twice.
    /// </summary>
    [Theory]
    [InlineData(ImreadModes.Grayscale)]
    [InlineData(ImreadModes.ReducedGrayscale2)]
    public void OpenCV_applies_the_tag_itself_unless_told_to_ignore_it(ImreadModes mode)
    {
        using var upright = UprightPassport(ImreadModes.Grayscale);
        var upload = ExifWriter.TaggedJpeg(upright, 6);

        using var byOpenCv = Cv2.ImDecode(upload, mode);
        using var asStored = Cv2.ImDecode(upload, mode | ImreadModes.IgnoreOrientation);

        // The upright page is landscape; stored for tag 6 it is portrait.
        Assert.True(upright.Cols > upright.Rows);
        Assert.True(byOpenCv.Cols > byOpenCv.Rows, "OpenCV no longer turns a tagged JPEG by itself");
        Assert.True(asStored.Rows > asStored.Cols, "IgnoreOrientation did not keep the stored pixels");
    }

    /// <summary>Same size and, allowing for JPEG loss, the same pixels: a picture turned the wrong way differs by far more.</summary>
    static void AssertSamePicture(Mat expected, Mat actual)
    {
        Assert.Equal((expected.Cols, expected.Rows), (actual.Cols, actual.Rows));
        using var difference = new Mat();
        Cv2.Absdiff(expected, actual, difference);
        var mean = Cv2.Mean(difference).Val0;
        Assert.True(mean < 4, $"mean difference {mean:F1} grey levels: the picture is not the upright one");
    }
}
