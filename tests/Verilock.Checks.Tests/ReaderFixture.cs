using Verilock.Checks.Documents;

namespace Verilock.Checks.Tests;

/// <summary>
/// The shared document reader, built on the repository's <c>models/</c> folder. Tests that need the OCR-B
/// model or the PP-OCRv4 text models fail with the fix in the message when <c>scripts/setup --for-tests</c> has not run.
/// </summary>
public sealed class ReaderFixture : IDisposable
{
    public static readonly DateOnly Today = new(2026, 11, 27);

    public ReaderFixture()
    {
        var model = Path.Combine(ModelsDirectory, "ocrb_int.traineddata");
        if (!File.Exists(model))
            throw new InvalidOperationException($"{model} is missing: run scripts/setup --for-tests (./test.sh does) to fetch the OCR-B model.");
        var options = new DocumentReaderOptions { TessdataDirectory = ModelsDirectory };
        foreach (var file in new[] { options.TextDetectorFile, options.TextRecognizerFile, options.TextRecognizerDictionaryFile })
            if (!File.Exists(Path.Combine(ModelsDirectory, file)))
                throw new InvalidOperationException($"{Path.Combine(ModelsDirectory, file)} is missing: run scripts/setup --for-tests (./test.sh does) to fetch the PP-OCRv4 text models.");
        Reader = new MrzDocumentReader(options);
    }

    public MrzDocumentReader Reader { get; }

    public static string ModelsDirectory => Verilock.Checks.Samples.FacePhotos.ModelsDirectory;

    public void Dispose() => Reader.Dispose();
}
