using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

/// <summary>
/// The integrator's side of the API as a careful client writes it: every POST carries an <c>Idempotency-Key</c> kept
/// across its retries, and a request that fails in transit (an instance killed mid-request, a 502/503 from the
/// balancer) is sent again until <see cref="Patience"/> runs out. Counts what it had to retry.
/// </summary>
sealed class Api(HttpClient client)
{
    // Beyond Idempotency.AbandonedAfter (2 minutes): a request the killed instance held is retried anew after it.
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(180);

    private int _retries;

    public int Retries => _retries;

    public HttpClient Client => client;

    public static HttpClient Create(string baseUrl, string key)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromSeconds(60),
        };
        http.DefaultRequestHeaders.Add("X-API-Key", key);
        return http;
    }

    public Task<JsonElement> PostJsonAsync(string path, string json, string idempotencyKey, params HttpStatusCode[] accepted) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") },
            idempotencyKey, accepted);

    public Task<JsonElement> PostFormAsync(string path, Func<MultipartFormDataContent> form, string idempotencyKey, params HttpStatusCode[] accepted) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = form() }, idempotencyKey, accepted);

    public Task<JsonElement> PostAsync(string path, string idempotencyKey, params HttpStatusCode[] accepted) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path), idempotencyKey, accepted);

    public Task<JsonElement> GetAsync(string path) => SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path), null, [HttpStatusCode.OK]);

    public static MultipartFormDataContent File(string field, byte[] bytes, params (string Name, string Value)[] fields)
    {
        // A fixed boundary: a retry must be the same bytes, or its Idempotency-Key would be refused as another request.
        var form = new MultipartFormDataContent("verilock-bench-cluster");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, field, field + ".jpg");
        foreach (var (name, value) in fields)
            form.Add(new StringContent(value), name);
        return form;
    }

    private async Task<JsonElement> SendAsync(Func<HttpRequestMessage> request, string? idempotencyKey, HttpStatusCode[] accepted)
    {
        var deadline = DateTime.UtcNow + Patience;
        string? last = null;
        while (DateTime.UtcNow < deadline)
        {
            using var message = request();
            if (idempotencyKey is not null)
                message.Headers.Add("Idempotency-Key", idempotencyKey);
            try
            {
                using var response = await client.SendAsync(message);
                var body = await response.Content.ReadAsStringAsync();
                if (accepted.Contains(response.StatusCode))
                    return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
                // 409 with an idempotency key: the first attempt is still claimed (its instance was killed mid-request)
                // until the claim lapses; 5xx: the balancer had no instance for it. Both are worth waiting for.
                if (response.StatusCode is not (HttpStatusCode.Conflict or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable
                    or HttpStatusCode.GatewayTimeout or HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests))
                    throw new InvalidOperationException($"{message.Method} {message.RequestUri}: {(int)response.StatusCode} {body}");
                last = $"{(int)response.StatusCode} {body}";
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                last = ex.GetType().Name;
            }
            Interlocked.Increment(ref _retries);
            await Task.Delay(250);
        }
        throw new TimeoutException($"gave up after {Patience.TotalSeconds} s: {last}");
    }
}
