using System.Net;

namespace Verilock.Client.Tests.Support;

/// <summary>
/// Stands in for the network in the retry tests: answers each request with the next scripted step (a response or an
/// exception) and keeps what was sent. The server is not what those tests are about, and it cannot be made to answer
/// 503 or drop a connection on cue.
/// </summary>
public sealed class ScriptedHandler(params Func<HttpResponseMessage>[] steps) : HttpMessageHandler
{
    private int _next;

    public sealed record Sent(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body);

    public List<Sent> Requests { get; } = [];

    public bool Disposed { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase);
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        Requests.Add(new Sent(request.Method, request.RequestUri!, headers, body));
        if (_next >= steps.Length)
            throw new Xunit.Sdk.XunitException($"Request {_next + 1} was not expected ({request.Method} {request.RequestUri}).");
        return steps[_next++]();
    }

    protected override void Dispose(bool disposing)
    {
        Disposed = true;
        base.Dispose(disposing);
    }

    public static Func<HttpResponseMessage> Json(HttpStatusCode status, string json, Action<HttpResponseMessage>? headers = null) => () =>
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json") };
        headers?.Invoke(response);
        return response;
    };

    public static Func<HttpResponseMessage> Throw(Exception exception) => () => throw exception;

    public const string SessionJson = """{"id":"ses_1","type":"kyc","livemode":false,"status":"created","steps":["document"],"applicant":{},"results":{},"future_field":{"nested":true},"expires_at":"2026-03-15T11:30:00Z","created_at":"2026-03-15T10:30:00Z"}""";

    public const string RateLimited = """{"error":"rate_limit_exceeded","message":"Too many requests. Retry after the number of seconds in Retry-After.","details":{"retry_after":2}}""";

    public const string Busy = """{"error":"server_error","message":"The server is busy. Retry after the number of seconds in Retry-After.","details":null}""";
}
