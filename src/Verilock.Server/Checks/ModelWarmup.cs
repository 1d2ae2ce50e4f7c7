using Verilock.Checks.Documents;
using Verilock.Checks.Faces;

namespace Verilock.Server.Checks;

/// <summary>
/// Loads the OCR and face models when the server starts, so the first session does not wait for them and a
/// missing model file is reported at once, in the log and by <c>/readyz</c>, instead of failing each check job.
/// The server keeps running without them: sandbox sessions, the API and AML do not need them.
/// </summary>
public sealed partial class ModelWarmup(IServiceProvider services, ILogger<ModelWarmup> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        foreach (var (name, load) in new (string, Action)[]
                 {
                     ("OCR", () => services.GetRequiredService<MrzDocumentReader>()),
                     ("face", () => services.GetRequiredService<FaceAnalyzer>()),
                 })
        {
            try
            {
                load();
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or OpenCvSharp.OpenCVException)
            {
                LogModelsMissing(logger, name, ex.Message);
            }
        }
    }, stoppingToken);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Models} models could not be loaded; live checks will fail until they are installed: {Problem}")]
    private static partial void LogModelsMissing(ILogger logger, string models, string problem);
}
