using Microsoft.AspNetCore.Diagnostics;
using Verilock.Infrastructure.Persistence;

namespace Verilock.Server.Api;

/// <summary>
/// Every failure the framework produces is answered in the spec's error shape: unknown routes and methods
/// are 404 (spec §3), oversized bodies 413, malformed requests 400, anything unexpected 500 without details.
/// </summary>
public static partial class ErrorHandling
{
    public static void UseApiErrors(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = _ => StatusCodes.Status500InternalServerError,
            ExceptionHandler = HandleExceptionAsync,
        });
        app.UseStatusCodePages(async statusContext =>
        {
            var context = statusContext.HttpContext;
            var result = context.Response.StatusCode switch
            {
                StatusCodes.Status404NotFound or StatusCodes.Status405MethodNotAllowed => ApiError.NotFound(),
                StatusCodes.Status413PayloadTooLarge => ApiError.PayloadTooLarge(MaxBodyBytes),
                StatusCodes.Status415UnsupportedMediaType => ApiError.UnsupportedMediaType("Unsupported Content-Type."),
                StatusCodes.Status400BadRequest => ApiError.BadRequest("The request could not be read."),
                _ => null,
            };
            if (result is not null)
                await result.ExecuteAsync(context);
        });
    }

    /// <summary>The largest request Kestrel reads at all (multipart uploads, spec §3); JSON has its own lower cap.</summary>
    public const long MaxBodyBytes = 25L * 1024 * 1024;

    private static async Task HandleExceptionAsync(HttpContext context)
    {
        var exception = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var result = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => ApiError.PayloadTooLarge(MaxBodyBytes),
            BadHttpRequestException => ApiError.BadRequest("The request could not be read."),
            OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
            // The database is overloaded or unreachable (pool exhausted, server stopped): nothing was written
            // (unless the connection broke in the middle of the commit itself), so the honest answer is 503 with
            // Retry-After (spec §3), not a 500.
            _ when DatabaseFailures.IsUnavailable(exception) => ApiError.Unavailable(),
            _ => ApiError.ServerError(),
        };
        if (result is null)
            return;
        if (result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status500InternalServerError })
        {
            var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Verilock.Server.Errors");
            LogUnhandled(logger, context.Request.Method, context.GetEndpoint()?.DisplayName ?? "(no endpoint)", context.TraceIdentifier, exception!);
        }
        await result.ExecuteAsync(context);
    }

    // Only the route template and request id are logged: URLs and bodies may carry personal data.
    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error in {Method} {Endpoint} (request {RequestId})")]
    private static partial void LogUnhandled(ILogger logger, string method, string endpoint, string requestId, Exception exception);
}
