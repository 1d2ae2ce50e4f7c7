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
        if (models.TryOcr(out var ocrProblem) is null)
            LogModelsMissing(logger, "OCR", ocrProblem!);
        if (models.TryFaces(out var faceProblem) is null)
            LogModelsMissing(logger, "face", faceProblem!);
    }, stoppingToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Models} models could not be loaded; live checks will fail until they are installed: {Problem}")]
    private static partial void LogModelsMissing(ILogger logger, string models, string problem);
}
