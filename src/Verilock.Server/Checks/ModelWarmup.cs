namespace Verilock.Server.Checks;

/// <summary>
/// Loads the OCR and face models when the server starts, so the first session does not wait for them and a
/// missing model file is reported at once, in the log and by <c>/readyz</c>, instead of failing each check job.
/// The server keeps running without them: sandbox sessions, the API and AML do not need them.
/// </summary>
public sealed partial class ModelWarmup(CheckModels models, ILogger<ModelWarmup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        if (models.TryOcr(out var ocrProblem) is not { } ocr)
            LogModelsMissing(logger, "OCR", ocrProblem!);
        else if (!ocr.HasTextDetector)
            LogTextModelsMissing(logger);
        if (models.TryFaces(out var faceProblem) is null)
            LogModelsMissing(logger, "face", faceProblem!);
    }, stoppingToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Models} models could not be loaded; live checks will fail until they are installed: {Problem}")]
    private static partial void LogModelsMissing(ILogger logger, string models, string problem);

    // The document check runs without PP-OCRv4 (Tesseract alone), but reads fewer zones on busy backgrounds.
    [LoggerMessage(Level = LogLevel.Warning, Message = "The PP-OCRv4 text models are not in the models folder; the document check reads with Tesseract alone and finds fewer zones on patterned pages. Run scripts/setup to fetch them.")]
    private static partial void LogTextModelsMissing(ILogger logger);
}
