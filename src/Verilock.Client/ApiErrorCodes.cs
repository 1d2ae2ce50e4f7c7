namespace Verilock.Client;

/// <summary>The <c>error</c> codes of spec §3, as <see cref="VerilockApiException.Error"/> carries them.</summary>
public static class ApiErrorCodes
{
    /// <summary>400: malformed JSON or multipart.</summary>
    public const string BadRequest = "bad_request";

    /// <summary>401: missing, unknown or revoked API key.</summary>
    public const string AuthenticationError = "authentication_error";

    /// <summary>403: the account is suspended or not enabled for the product.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>404: unknown id, or one of another account or mode.</summary>
    public const string NotFound = "not_found";

    /// <summary>409: the object's state forbids the action, or an idempotency key clash.</summary>
    public const string Conflict = "conflict";

    /// <summary>413: body or file too large; <c>details.max_bytes</c> says the limit.</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>415: wrong request content type, or file bytes of a type not accepted.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>422: invalid fields; <see cref="VerilockApiException.FieldErrors"/> lists them.</summary>
    public const string ValidationError = "validation_error";

    /// <summary>429: the key's rate limit; <see cref="VerilockApiException.RetryAfter"/> says when to come back.</summary>
    public const string RateLimitExceeded = "rate_limit_exceeded";

    /// <summary>500 or 503: failure or overload on the server's side.</summary>
    public const string ServerError = "server_error";

    /// <summary>The response had no error body of the spec's shape (a proxy's page, an empty body).</summary>
    public const string Unknown = "unknown";
}
