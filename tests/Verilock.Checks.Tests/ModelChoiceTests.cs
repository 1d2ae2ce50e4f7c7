using Verilock.Checks.Documents;
using Verilock.Checks.Samples;

namespace Verilock.Checks.Tests;

public sealed class ModelChoiceTests
{
    [Fact]
    public void Uses_the_ocr_b_model_from_the_models_folder()
    {
        using var reader = new MrzDocumentReader(new DocumentReaderOptions { TessdataDirectory = ReaderFixture.ModelsDirectory });

        Assert.Equal("ocrb_int", reader.OcrLanguage);
    }

    [Fact]
    public void Falls_back_to_debians_english_model_when_the_ocr_b_model_is_missing_and_still_finds_the_zone()
    {
        var options = new DocumentReaderOptions { TessdataDirectory = EmptyDirectory() };
        Assert.True(File.Exists(Path.Combine(options.FallbackTessdataDirectory, "eng.traineddata")),
            "Debian's tesseract-ocr-eng is missing: run scripts/setup --for-tests (./test.sh does).");
        using var reader = new MrzDocumentReader(options);

        var result = reader.Read(DocumentPhotographer.Photograph(SampleDocuments.Specimen, PhotoCondition.Clean), ReaderFixture.Today);

        Assert.Equal("eng", reader.OcrLanguage);
        Assert.Contains(result.Outcome, new[] { DocumentReadOutcome.MrzRead, DocumentReadOutcome.LowConfidence });
        Assert.Equal("UTO", result.Mrz!.IssuingState);
    }

    [Fact]
    public void Without_any_model_the_reader_refuses_to_start_and_says_how_to_fix_it()
    {
        var options = new DocumentReaderOptions { TessdataDirectory = EmptyDirectory(), FallbackTessdataDirectory = EmptyDirectory() };

        var error = Assert.Throws<InvalidOperationException>(() => new MrzDocumentReader(options));

        Assert.Contains("scripts/setup", error.Message);
    }

    static string EmptyDirectory() => Directory.CreateTempSubdirectory("verilock-no-models-").FullName;
}
