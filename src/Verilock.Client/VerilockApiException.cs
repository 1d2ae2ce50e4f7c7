using System.Net;
using System.Text.Json;

namespace Verilock.Client;

/// <summary>
/// The API answered with an error (spec §3): <c>{"error","message","details"}</c> plus the status and the request id.
/// Thrown after the client's retries, if any, are spent.
/// </summary>
public sealed class VerilockApiException : Exception
{
    /// <summary>An error without a response (for tests of code that catches it).</summary>
    public VerilockApiException()
        : this("The Verilock API returned an error.")
    {
    }

    /// <summary>An error without a response, with a message.</summary>
    public VerilockApiException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>An error without a response, with a message and its cause.</summary>
    public VerilockApiException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Error = ApiErrorCodes.Unknown;
    }

    /// <summary>An error as the API reported it.</summary>
    public VerilockApiException(HttpStatusCode statusCode, string error, string message, JsonElement? details, string? requestId, TimeSpan? retryAfter = null)
        : base(message)
    {
        ArgumentNullException.ThrowIfNull(error);
        StatusCode = statusCode;
        Error = error;
        Details = details;
        RequestId = requestId;
        RetryAfter = retryAfter;
    }

    /// <summary>The HTTP status (0 when the exception was built without a response).</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The spec's error code, e.g. <c>not_found</c>, <c>validation_error</c> (see <see cref="ApiErrorCodes"/>).</summary>
    public string Error { get; }

    /// <summary>
    /// The error body's <c>details</c>: field → messages for a 422, <c>{"max_bytes":n}</c> for a 413,
    /// <c>{"retry_after":n}</c> for a 429; null when the body had none.
    /// </summary>
    public JsonElement? Details { get; }

    /// <summary>The response's <c>X-Request-Id</c>, to quote when asking about this failure.</summary>
    public string? RequestId { get; }

    /// <summary>The response's <c>Retry-After</c> as a wait from when it arrived, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// For a <c>validation_error</c>: each invalid field (dot paths such as <c>applicant.email</c>) and its messages;
    /// empty for other errors.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors => _fieldErrors ??= ReadFieldErrors();

    private IReadOnlyDictionary<string, IReadOnlyList<string>>? _fieldErrors;

    /// <summary>The message plus status, code, request id and details: what a log needs to find the failing call.</summary>
    public override string ToString()
    {
        var status = ((int)StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var details = Details is { } d ? " " + d.GetRawText() : "";
        var inner = InnerException is null ? "" : " ---> " + InnerException;
        return $"{GetType().FullName}: HTTP {status} {Error}: {Message}{details} (request {RequestId ?? "unknown"}){inner}{Environment.NewLine}{StackTrace}";
    }

    private Dictionary<string, IReadOnlyList<string>> ReadFieldErrors()
    {
        var errors = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (Error != ApiErrorCodes.ValidationError || Details is not { ValueKind: JsonValueKind.Object } details)
            return errors;
        foreach (var field in details.EnumerateObject())
        {
            if (field.Value.ValueKind != JsonValueKind.Array)
                continue;
            errors[field.Name] = field.Value.EnumerateArray()
                .Where(m => m.ValueKind == JsonValueKind.String)
                .Select(m => m.GetString()!)
                .ToList();
        }
        return errors;
    }
}
