using Verilock.Infrastructure.Serialization;

namespace Verilock.Server.Api;

/// <summary>The one error body of the API (spec §3): <c>{"error","message","details"}</c>.</summary>
public sealed record ApiError(string Error, string Message, object? Details)
{
    public const long MaxJsonBytes = 1024 * 1024;

    public static IResult Result(int status, string error, string message, object? details = null) =>
        Results.Json(new ApiError(error, message, details), ApiJson.Options, statusCode: status);

    public static IResult BadRequest(string message) =>
        Result(StatusCodes.Status400BadRequest, "bad_request", message);

    public static IResult NotFound(string message = "The requested resource was not found.") =>
        Result(StatusCodes.Status404NotFound, "not_found", message);

    public static IResult Conflict(string message) =>
        Result(StatusCodes.Status409Conflict, "conflict", message);

    public static IResult PayloadTooLarge(long maxBytes) =>
        Result(StatusCodes.Status413PayloadTooLarge, "payload_too_large",
            $"The request body is larger than {maxBytes} bytes.", new { max_bytes = maxBytes });

    public static IResult UnsupportedMediaType(string message) =>
        Result(StatusCodes.Status415UnsupportedMediaType, "unsupported_media_type", message);

    public static IResult Validation(IReadOnlyDictionary<string, List<string>> errors) =>
        Result(StatusCodes.Status422UnprocessableEntity, "validation_error", "The given data was invalid.", errors);

    public static IResult Unauthorized() =>
        Result(StatusCodes.Status401Unauthorized, "authentication_error", "Invalid or missing API key.");

    public static IResult Forbidden(string message = "This account is suspended or not enabled for this product.") =>
        Result(StatusCodes.Status403Forbidden, "forbidden", message);

    /// <summary>503 with <c>Retry-After</c> (spec §3): the request can be retried as it is.</summary>
    public static IResult Unavailable(int retryAfterSeconds = 1) => new RetryAfterResult(retryAfterSeconds,
        Result(StatusCodes.Status503ServiceUnavailable, "server_error", "The server is busy. Retry after the number of seconds in Retry-After."));

    private sealed class RetryAfterResult(int seconds, IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }

    public static IResult ServerError() =>
        Result(StatusCodes.Status500InternalServerError, "server_error", "Something went wrong on our side. Please retry later.");
}
