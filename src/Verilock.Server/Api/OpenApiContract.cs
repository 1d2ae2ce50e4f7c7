using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Verilock.Server.Api;

/// <summary>
/// What every API operation shares and the endpoint metadata cannot say (spec §2–§6): the two ways to send the key,
/// the <c>Idempotency-Key</c> and <c>X-Request-Id</c> headers, the rate-limit headers, and the error answers in the
/// spec's body (<see cref="ApiError"/>), so a generated client knows them all.
/// </summary>
public sealed class OpenApiContract : IOpenApiDocumentTransformer
{
    private const string ErrorSchema = "ApiError";
    private const string KeyScheme = "ApiKey";
    private const string BearerScheme = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ErrorSchema] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "The spec's error body (§3). `details` is null, or field → messages for 422, `{\"max_bytes\":n}` for 413, `{\"retry_after\":n}` for 429.",
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["error"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "authentication_error, forbidden, not_found, conflict, payload_too_large, unsupported_media_type, validation_error, rate_limit_exceeded, server_error, …" },
                ["message"] = new OpenApiSchema { Type = JsonSchemaType.String },
                ["details"] = new OpenApiSchema { Type = JsonSchemaType.Object | JsonSchemaType.Null },
            },
            Required = new HashSet<string> { "error", "message", "details" },
        };
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[KeyScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, Name = "X-API-Key", In = ParameterLocation.Header,
            Description = "qi_live_… or qi_test_…",
        };
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", Description = "The same key as `Authorization: Bearer <key>` (it wins over X-API-Key)",
        };
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(KeyScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
        ];

        document.Components.Headers ??= new Dictionary<string, IOpenApiHeader>();
        foreach (var (name, description) in ResponseHeaders)
            document.Components.Headers[name] = new OpenApiHeader
            {
                Description = description,
                Schema = new OpenApiSchema { Type = name is RetryAfter or LimitHeader or RemainingHeader ? JsonSchemaType.Integer : JsonSchemaType.String },
            };

        Verify.FlowOpenApi.AddFeedbackSchemas(document);
        foreach (var (path, item) in document.Paths)
            foreach (var (method, operation) in item.Operations ?? [])
                Describe(document, path, method, operation);
        return Task.CompletedTask;
    }

    private static OpenApiParameter RequestIdParameter() => new()
    {
        Name = "X-Request-Id", In = ParameterLocation.Header, Required = false,
        Description = "Echoed on the response (1–128 of [A-Za-z0-9._-]); otherwise the server assigns req_<32 hex>.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 128 },
    };

    private static void Describe(OpenApiDocument document, string path, HttpMethod method, OpenApiOperation operation)
    {
        if (Verify.FlowOpenApi.IsFlowPath(path))
        {
            DescribeFlow(document, method, operation);
            return;
        }
        operation.Parameters ??= [];
        operation.Parameters.Add(RequestIdParameter());
        if (method == HttpMethod.Post)
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = Idempotency.Header, In = ParameterLocation.Header, Required = false,
                Description = "Makes a retry safe (spec §5): the same key and body within 24 h replay the first answer.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = 255 },
            });

        var statuses = new List<int>
        {
            StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
            StatusCodes.Status429TooManyRequests, StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable,
        };
        if (path.Contains('{'))
            statuses.Add(StatusCodes.Status404NotFound);
        // Any POST may meet its Idempotency-Key's earlier use; other conflicts are the endpoint's own (DocumentErrors).
        if (method == HttpMethod.Post)
            statuses.Add(StatusCodes.Status409Conflict);
        if (operation.RequestBody is not null)
        {
            statuses.Add(StatusCodes.Status413PayloadTooLarge);
            statuses.Add(StatusCodes.Status415UnsupportedMediaType);
        }
        if (operation.RequestBody is not null || operation.Parameters.Any(p => p.In == ParameterLocation.Query))
            statuses.Add(StatusCodes.Status422UnprocessableEntity);

        operation.Responses ??= new OpenApiResponses();
        foreach (var status in statuses)
            operation.Responses.TryAdd(status.ToString(CultureInfo.InvariantCulture), ErrorResponse(status, document));
        foreach (var (status, response) in operation.Responses)
            if (response is OpenApiResponse concrete)
                AddHeaders(document, method, status, concrete);
    }

    /// <summary>
    /// The hosted flow's token API (spec §13): the token in the path is the only credential (no key, so no 401 or
    /// 403, no <c>Idempotency-Key</c>, no <c>X-RateLimit-*</c>); 60 requests a minute per token and unknown tokens
    /// per address answer 429; writes to a session no longer open, or before consent, answer 409.
    /// </summary>
    private static void DescribeFlow(OpenApiDocument document, HttpMethod method, OpenApiOperation operation)
    {
        operation.Security = [];
        operation.Parameters ??= [];
        foreach (var token in operation.Parameters.Where(p => p.In == ParameterLocation.Path && p.Name == "token").OfType<OpenApiParameter>())
            token.Description = "The session's session_token (vft_…), from the session_url of POST /api/v1/sessions.";
        operation.Parameters.Add(RequestIdParameter());
        var statuses = new List<int>
        {
            StatusCodes.Status400BadRequest, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests,
            StatusCodes.Status500InternalServerError, StatusCodes.Status503ServiceUnavailable,
        };
        if (method == HttpMethod.Post)
            statuses.Add(StatusCodes.Status409Conflict);
        if (operation.RequestBody is not null)
            statuses.AddRange([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity]);
        operation.Responses ??= new OpenApiResponses();
        foreach (var status in statuses)
            operation.Responses.TryAdd(status.ToString(CultureInfo.InvariantCulture), ErrorResponse(status, document));
        foreach (var (status, response) in operation.Responses)
        {
            if (response is not OpenApiResponse concrete)
                continue;
            if (status == "404")
                concrete.Description = "No session has this token (or it was redacted)";
            if (status == "409")
                concrete.Description = "The session is no longer open (submitted, decided or expired), or consent is missing";
            concrete.Headers ??= new Dictionary<string, IOpenApiHeader>();
            concrete.Headers.TryAdd(RequestIds.Header, new OpenApiHeaderReference(RequestIds.Header, document));
            if (status is "429" or "503")
                concrete.Headers.TryAdd(RetryAfter, new OpenApiHeaderReference(RetryAfter, document));
        }
    }

    private const string RetryAfter = "Retry-After";
    private const string LimitHeader = "X-RateLimit-Limit";
    private const string RemainingHeader = "X-RateLimit-Remaining";
    private const string ReplayedHeader = "Idempotent-Replayed";

    /// <summary>The headers of API answers (spec §4, §5; <see cref="ApiRateLimiting"/>, <see cref="Idempotency"/>, <see cref="RequestIds"/>).</summary>
    private static readonly Dictionary<string, string> ResponseHeaders = new()
    {
        [RequestIds.Header] = "The request's id (yours from X-Request-Id, or req_<32 hex>): quote it to support.",
        [LimitHeader] = "Requests per minute the key may make (absent for a key without a limit).",
        [RemainingHeader] = "Requests left in the current minute.",
        [RetryAfter] = "Seconds to wait before retrying (429, 503).",
        [ReplayedHeader] = "`true` when this answer is the stored one of an earlier request with the same Idempotency-Key.",
    };

    private static void AddHeaders(OpenApiDocument document, HttpMethod method, string status, OpenApiResponse response)
    {
        response.Headers ??= new Dictionary<string, IOpenApiHeader>();
        void Add(string name) => response.Headers.TryAdd(name, new OpenApiHeaderReference(name, document));
        Add(RequestIds.Header);
        if (status != "401")
        {
            Add(LimitHeader);
            Add(RemainingHeader);
        }
        if (status is "429" or "503")
            Add(RetryAfter);
        if (method == HttpMethod.Post && status is not ("401" or "429" or "500" or "503"))
            Add(ReplayedHeader);
    }

    /// <summary>An error answer in the spec's body, for a status the API gives.</summary>
    public static OpenApiResponse ErrorResponse(int status, OpenApiDocument? document) => new()
    {
        Description = Descriptions.GetValueOrDefault(status, "Error"),
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/json"] = new() { Schema = new OpenApiSchemaReference(ErrorSchema, document) },
        },
    };

    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [StatusCodes.Status400BadRequest] = "The request or its body could not be read",
        [StatusCodes.Status401Unauthorized] = "Missing, unknown or revoked API key",
        [StatusCodes.Status403Forbidden] = "The account is suspended",
        [StatusCodes.Status404NotFound] = "No such object in this account and mode",
        [StatusCodes.Status409Conflict] = "The object's state forbids this, or the Idempotency-Key was used with another request",
        [StatusCodes.Status413PayloadTooLarge] = "Body or file too large",
        [StatusCodes.Status415UnsupportedMediaType] = "Wrong Content-Type or file type",
        [StatusCodes.Status422UnprocessableEntity] = "Invalid fields or query parameters",
        [StatusCodes.Status429TooManyRequests] = "Rate limit exceeded (Retry-After)",
        [StatusCodes.Status500InternalServerError] = "Server error",
        [StatusCodes.Status503ServiceUnavailable] = "Unavailable for a moment (Retry-After)",
    };
}
