using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests;

/// <summary>
/// Uploads that are small on disk and huge decoded are refused while decoding, before the memory is taken: the read
/// is unreadable, and what the reading thread allocates stays far below what the file inflates to. Allocations are
/// counted on the test's own thread (every decode here is synchronous), so tests running alongside do not blur them.
/// </summary>
public sealed class DecoderBudgetTests(ReaderFixture fixture) : IClassFixture<ReaderFixture>
{
    /// <summary>Far above what a refused bomb costs (the file itself and one copy), far below what inflating it takes.</summary>
    const long AllocationBound = 64L * 1024 * 1024;

    static readonly Lazy<byte[]> ImageBomb = new(() => DecompressionBombs.Pdf(DecompressionBombs.GiB, BombStream.Image));
    static readonly Lazy<byte[]> ContentBomb = new(() => DecompressionBombs.Pdf(DecompressionBombs.GiB, BombStream.Content));

    [Fact]
    public void A_pdf_whose_image_inflates_to_a_gibibyte_is_unreadable_without_inflating_it()
    {
        var bomb = ImageBomb.Value;
        Assert.InRange(bomb.Length, 512 * 1024, 2 * 1024 * 1024);

        var (result, allocated) = Measure(() => fixture.Reader.Read(bomb, ReaderFixture.Today));

        Assert.True(allocated < AllocationBound, $"allocated {allocated / (1024 * 1024)} MiB");
        AssertUnreadable(result, "A stream in the PDF decodes to more than 160 MiB.");
    }

    [Fact]
    public void A_pdf_whose_page_content_inflates_to_a_gibibyte_is_unreadable_without_inflating_it()
    {
        var bomb = ContentBomb.Value;

        var (result, allocated) = Measure(() => fixture.Reader.Read(bomb, ReaderFixture.Today));

        Assert.True(allocated < AllocationBound, $"allocated {allocated / (1024 * 1024)} MiB");
        AssertUnreadable(result, "A stream in the PDF decodes to more than 160 MiB.");
    }

    /// <summary>
    /// PdfPig inflates a cross-reference stream while opening the file, before any page. Both layers bound it (each
    /// was checked alone): the pass over the file's raw streams first, and PdfPig's filters through the provider.
    /// </summary>
    [Fact]
    public void A_pdf_whose_cross_reference_stream_inflates_to_a_gibibyte_is_unreadable_without_inflating_it()
    {
        var bomb = DecompressionBombs.Pdf(DecompressionBombs.GiB, BombStream.CrossReference);

        var (result, allocated) = Measure(() => fixture.Reader.Read(bomb, ReaderFixture.Today));

        Assert.True(allocated < AllocationBound, $"allocated {allocated / (1024 * 1024)} MiB");
        AssertUnreadable(result, "A stream in the PDF decodes to more than 160 MiB.");
    }

    /// <summary>
    /// With the file pass's total out of the way, PdfPig's own decode is what stops the stream: the filter provider
    /// counts the image's samples before PdfPig inflates them into memory.
    /// </summary>
    [Fact]
    public void The_filters_pdfpig_decodes_with_stop_a_stream_over_its_limit_before_inflating_it()
    {
        var pdf = DecompressionBombs.Pdf(8L * 1024 * 1024, BombStream.Image);
        var limits = new DecodeLimits { MaxPdfStreamBytes = 4 * 1024 * 1024, MaxPdfDecodedBytes = 64 * 1024 * 1024 };
        var budget = new PdfDecodeBudget(limits);
        var filters = new BoundedFilterProvider(budget);
        var stream = ImageStream(pdf);
        var dictionary = new UglyToad.PdfPig.Tokens.DictionaryToken(new Dictionary<UglyToad.PdfPig.Tokens.NameToken, UglyToad.PdfPig.Tokens.IToken>
        {
            [UglyToad.PdfPig.Tokens.NameToken.Filter] = UglyToad.PdfPig.Tokens.NameToken.FlateDecode,
        });

        var (refusal, allocated) = Measure(() => Assert.Throws<DecodeBudgetExceededException>(() =>
            filters.GetFilters(dictionary)[0].Decode(stream, dictionary, filters, 0)));

        Assert.Equal("A stream in the PDF decodes to more than 4 MiB.", refusal.Message);
        Assert.Equal(refusal.Message, budget.Refusal);
        Assert.True(allocated < 2 * 1024 * 1024, $"allocated {allocated / 1024} KiB");
    }

    [Fact]
    public void A_pdf_whose_streams_together_pass_the_total_is_unreadable()
    {
        var pdf = DecompressionBombs.Pdf(3_400_000, BombStream.Content);
        var limits = new DecodeLimits { MaxPdfStreamBytes = 4 * 1024 * 1024, MaxPdfDecodedBytes = 4 * 1024 * 1024 };

        using var decoded = UploadDecoder.DecodeGray(pdf, limits, out var problem);

        Assert.Null(decoded);
        // The 3.4 MB content stream and the image's 1 MB of samples: each fits, not both. The pass over the file
        // counts them both; reading page 1 alone would not (its content of zeros draws no image).
        Assert.Equal("The PDF's contents decode to more than 4 MiB.", problem);
    }

    [Fact]
    public void A_pdf_within_its_budget_still_decodes()
    {
        var pdf = DecompressionBombs.Pdf(1000L * 1000, BombStream.Image);

        using var decoded = UploadDecoder.DecodeGray(pdf, new DecodeLimits(), out var problem);

        Assert.Null(problem);
        Assert.Equal((1000, 1000), (decoded!.Width, decoded.Height));
    }

    [Fact]
    public void A_real_png_of_sixty_four_megapixels_is_refused_from_its_header_without_decoding()
    {
        var png = DecompressionBombs.Png(8000, 8000);

        var (result, allocated) = Measure(() => fixture.Reader.Read(png, ReaderFixture.Today));

        Assert.True(allocated < AllocationBound, $"allocated {allocated / (1024 * 1024)} MiB");
        AssertUnreadable(result, "The image is too large (8000 × 8000 pixels); the limit is 40 megapixels.");
    }

    [Fact]
    public void A_png_of_thirty_thousand_pixels_square_is_refused_from_its_header()
    {
        var png = DecompressionBombs.Png(30_000, 30_000);

        var result = fixture.Reader.Read(png, ReaderFixture.Today);

        AssertUnreadable(result, "The image is too large (30000 × 30000 pixels); the limit is 40 megapixels.");
    }

    [Fact]
    public void The_pixel_limit_is_configurable()
    {
        var png = DecompressionBombs.Png(2000, 1000);

        using var refused = UploadDecoder.DecodeGray(png, new DecodeLimits { MaxPixels = 1_000_000 }, out var problem);
        using var decoded = UploadDecoder.DecodeGray(png, new DecodeLimits(), out var none);

        Assert.Null(refused);
        Assert.Equal("The image is too large (2000 × 1000 pixels); the limit is 1 megapixels.", problem);
        Assert.Null(none);
        Assert.Equal((2000, 1000), (decoded!.Width, decoded.Height));
    }

    [Fact]
    public void Limits_that_cannot_work_are_reported()
    {
        var limits = new DecodeLimits { MaxPixels = 10, MaxPdfStreamBytes = 3L * 1024 * 1024 * 1024, MaxPdfDecodedBytes = 1024 };

        Assert.Equal(
            [
                "Verilock:Checks:Decoding:MaxPixels must be at least 1000000 (a phone photo is 12 million).",
                "Verilock:Checks:Decoding:MaxPdfStreamBytes must be between 1048576 (1 MiB) and 2147483647.",
                "Verilock:Checks:Decoding:MaxPdfDecodedBytes must be at least MaxPdfStreamBytes.",
            ],
            limits.Problems("Verilock:Checks:Decoding"));
        Assert.Empty(new DecodeLimits().Problems("Verilock:Checks:Decoding"));
    }

    static (T Result, long Allocated) Measure<T>(Func<T> read)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = read();
        return (result, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>The raw bytes of the bomb's image stream (object 5), as PdfPig hands them to its filters.</summary>
    static Memory<byte> ImageStream(byte[] pdf)
    {
        var text = System.Text.Encoding.Latin1.GetString(pdf);
        var dictionary = text.IndexOf("/Subtype /Image", StringComparison.Ordinal);
        var start = text.IndexOf("stream\n", dictionary, StringComparison.Ordinal) + "stream\n".Length;
        var end = text.IndexOf("\nendstream", start, StringComparison.Ordinal);
        return pdf.AsMemory(start, end - start);
    }

    static void AssertUnreadable(DocumentReadResult result, string problem)
    {
        Assert.Equal(DocumentReadOutcome.UnreadableImage, result.Outcome);
        Assert.Equal(problem, result.Problem);
        Assert.Null(result.Mrz);
        Assert.Null(result.Quality);
    }
}
