using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.ExceptionServices;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Verilock.Client.Json;

namespace Verilock.Client.Http;

/// <summary>
/// Sends one logical call: authentication, an <c>Idempotency-Key</c> on POSTs (one per call, the same on each retry),
/// retries (<see cref="RetryPolicy"/>), a timeout per attempt, and errors turned into <see cref="VerilockApiException"/>.
/// </summary>
internal sealed class ApiRequester : IDisposable
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";
    private const string RequestIdHeader = "X-Request-Id";

    private static readonly ProductInfoHeaderValue UserAgent =
        new("Verilock.Client", typeof(ApiRequester).Assembly.GetName().Version?.ToString(3) ?? "0");

    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly Uri _apiRoot;
    private readonly string _apiKey;
    private readonly TimeSpan _timeout;
    private readonly RetryPolicy _retries;

    public ApiRequester(VerilockClientOptions options, HttpClient? http)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.ApiKey))
            throw new ArgumentException("VerilockClientOptions.ApiKey is required.", nameof(options));
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxNetworkRetries, nameof(options));
        var origin = options.BaseAddress ?? http?.BaseAddress
            ?? throw new ArgumentException("VerilockClientOptions.BaseAddress is required (or an HttpClient with a BaseAddress).", nameof(options));
        if (!origin.IsAbsoluteUri)
            throw new ArgumentException("The base address must be an absolute URI, e.g. https://kyc.example.com.", nameof(options));

        _ownsHttp = http is null;
        // Our own client: connections are recycled so DNS changes are seen; no redirects (none is expected from the API,
        // and following one would drop the Authorization header or turn a POST into a GET). Timeouts are ours, per attempt.
        _http = http ?? OwnClient();
        var root = origin.AbsoluteUri.EndsWith('/') ? origin : new Uri(origin.AbsoluteUri + "/");
        _apiRoot = new Uri(root, "api/v1/");
        _apiKey = options.ApiKey;
        _timeout = options.Timeout;
        _retries = new RetryPolicy(options.MaxNetworkRetries, options.InitialRetryDelay, options.MaxRetryDelay, options.MaxRetryAfter, options.TimeProvider);
    }

    // The handler is the client's, disposed with it (disposeHandler: true; CA2000 cannot see the hand-over).
#pragma warning disable CA2000
    private static HttpClient OwnClient() =>
        new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false }, disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
#pragma warning restore CA2000

    /// <summary>Sends and reads the JSON body as <typeparamref name="T"/>, with the exchange attached.</summary>
    public async Task<T> SendAsync<T>(ApiRequest request, JsonTypeInfo<T> type, RequestOptions? options, CancellationToken cancellationToken)
        where T : VerilockEntity
    {
        var (response, meta) = await SendCoreAsync(request, options, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        using (response)
        {
            var value = await response.Content.ReadFromJsonAsync(type, cancellationToken).ConfigureAwait(false)
                ?? throw new JsonException($"The response to {request.Method} {request.Path} had an empty JSON body.");
            value.Response = meta;
            return value;
        }
    }

    /// <summary>Sends a request whose answer has no body worth reading (204).</summary>
    public async Task<VerilockResponse> SendAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        var (response, meta) = await SendCoreAsync(request, options, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        response.Dispose();
        return meta;
    }

    /// <summary>Sends and hands over the response unread, for media: the caller streams the body and disposes it.</summary>
    public async Task<MediaDownload> SendForStreamAsync(ApiRequest request, RequestOptions? options, CancellationToken cancellationToken)
    {
        var (response, meta) = await SendCoreAsync(request, options, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new MediaDownload(response, stream, meta);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async Task<(HttpResponseMessage Response, VerilockResponse Meta)> SendCoreAsync(
        ApiRequest request, RequestOptions? options, HttpCompletionOption completion, CancellationToken cancellationToken)
    {
        var idempotencyKey = request.Method == HttpMethod.Post ? options?.IdempotencyKey ?? Guid.NewGuid().ToString("D") : null;
        var safeToRepeat = RetryPolicy.IsSafeToRepeat(request.Method, idempotencyKey);
        for (var attempt = 1; ; attempt++)
        {
            var retriesLeft = attempt <= _retries.MaxRetries;
            HttpResponseMessage? response = null;
            ExceptionDispatchInfo? failure = null;
            using (var message = Build(request, options, idempotencyKey))
            using (var attemptToken = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptToken.CancelAfter(_timeout);
                try
                {
                    response = await _http.SendAsync(message, completion, attemptToken.Token).ConfigureAwait(false);
                }
                catch (HttpRequestException e) when (!cancellationToken.IsCancellationRequested)
                {
                    failure = ExceptionDispatchInfo.Capture(e);
                }
                catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
                {
                    // Our per-attempt timeout or the HttpClient's own: not the caller cancelling.
                    failure = ExceptionDispatchInfo.Capture(new TimeoutException(
                        $"{request.Method} /api/v1/{request.Path} did not complete within {_timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.", e));
                }
            }

            if (response is null)
            {
                if (retriesLeft && safeToRepeat)
                {
                    await _retries.DelayAsync(_retries.Backoff(attempt), cancellationToken).ConfigureAwait(false);
                    continue;
                }
                failure!.Throw();
            }

            if (response.IsSuccessStatusCode)
                return (response, Meta(response, idempotencyKey, attempt));

            if (retriesLeft && RetryPolicy.IsRetryableStatus(response.StatusCode) && _retries.StatusRetryDelay(response, attempt) is { } wait)
            {
                response.Dispose();
                await _retries.DelayAsync(wait, cancellationToken).ConfigureAwait(false);
                continue;
            }

            using (response)
                throw await ErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private HttpRequestMessage Build(ApiRequest request, RequestOptions? options, string? idempotencyKey)
    {
        var message = new HttpRequestMessage(request.Method, new Uri(_apiRoot, request.Path + request.Query));
        message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options?.ApiKey ?? _apiKey);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Headers.UserAgent.Add(UserAgent);
        if (idempotencyKey is not null)
            message.Headers.Add(IdempotencyKeyHeader, idempotencyKey);
        if (options?.RequestId is { } requestId)
            message.Headers.Add(RequestIdHeader, requestId);
        message.Content = request.Content?.Invoke();
        return message;
    }

    private static VerilockResponse Meta(HttpResponseMessage response, string? idempotencyKey, int attempts) => new(
        response.StatusCode,
        Header(response, RequestIdHeader),
        idempotencyKey,
        string.Equals(Header(response, "Idempotent-Replayed"), "true", StringComparison.OrdinalIgnoreCase),
        IntHeader(response, "X-RateLimit-Limit"),
        IntHeader(response, "X-RateLimit-Remaining"),
        attempts);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;

    private static int? IntHeader(HttpResponseMessage response, string name) =>
        int.TryParse(Header(response, name), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The spec's error body (§3) when there is one; otherwise the status line, so a proxy's error page still says something.</summary>
    private async Task<VerilockApiException> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var requestId = Header(response, RequestIdHeader);
        var retryAfter = _retries.RetryAfter(response);
        var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        ErrorBody? body = null;
        try
        {
            body = bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, VerilockJsonContext.Default.ErrorBody);
        }
        catch (JsonException)
        {
            // Not the API's error body (an HTML page from a proxy, say): reported by status below.
        }
        if (body?.Error is { Length: > 0 } error)
        {
            JsonElement? details = body.Details is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } d ? d : null;
            return new VerilockApiException(response.StatusCode, error, body.Message ?? error, details, requestId, retryAfter);
        }
        var status = ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        return new VerilockApiException(response.StatusCode, ApiErrorCodes.Unknown,
            $"The server answered HTTP {status} {response.ReasonPhrase} without an API error body.", null, requestId, retryAfter);
    }

    public void Dispose()
    {
        // A caller's HttpClient (IHttpClientFactory's, say) is theirs to dispose, never ours.
        if (_ownsHttp)
            _http.Dispose();
    }
}
