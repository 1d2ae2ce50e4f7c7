using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Verilock.Server.Tests.Support;

/// <summary>
/// A real HTTP server on 127.0.0.1 (Kestrel) that records every webhook it receives. Each path answers 200
/// unless told otherwise: another status, or hanging until the test ends (to provoke timeouts).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Request(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body, DateTimeOffset ReceivedAt)
    {
        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"No {name} header.");
        public JsonNode Json => JsonNode.Parse(Body)!;
        public string Event => (string)Json["event"]!;
        public string WebhookId => (string)Json["webhook_id"]!;
        public int Attempt => int.Parse(Header("X-Verilock-Delivery-Attempt"));
    }

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Request> _received = new();
    private readonly ConcurrentDictionary<string, int> _statuses = new();
    private readonly ConcurrentDictionary<string, bool> _hanging = new();
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Delay before every answer, to keep deliveries in flight (crash test).</summary>
    public TimeSpan AnswerDelay { get; set; }

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
        app.Run(HandleAsync);
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new WebhookReceiver(builder.Build());
        await receiver._app.StartAsync();
        receiver.BaseUrl = receiver._app.Urls.Single();
        return receiver;
    }

    public string BaseUrl { get; private set; } = "";

    public string Url(string path = "/hook") => BaseUrl + path;

    public IReadOnlyList<Request> Received => _received.ToArray();

    public IReadOnlyList<Request> At(string path) => _received.Where(r => r.Path == path).ToArray();

    public void Respond(string path, int status) => _statuses[path] = status;

    public void Hang(string path) => _hanging[path] = true;

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        _received.Enqueue(new Request(context.Request.Path, headers, buffer.ToArray(), DateTimeOffset.UtcNow));
        if (_hanging.ContainsKey(context.Request.Path))
        {
            try { await Task.Delay(Timeout.Infinite, CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, context.RequestAborted).Token); }
            catch (OperationCanceledException) { }
            return;
        }
        if (AnswerDelay > TimeSpan.Zero)
            await Task.Delay(AnswerDelay);
        context.Response.StatusCode = _statuses.TryGetValue(context.Request.Path, out var status) ? status : 200;
        await context.Response.WriteAsync("ok");
    }

    /// <summary>Waits (real time) until <paramref name="condition"/> holds over what was received.</summary>
    public async Task<IReadOnlyList<Request>> WaitForAsync(Func<IReadOnlyList<Request>, bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var received = Received;
            if (condition(received))
                return received;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}; received {received.Count}: " +
                    string.Join(", ", received.Select(r => $"{r.Path} {Encoding.UTF8.GetString(r.Body)[..Math.Min(80, r.Body.Length)]}")));
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until <paramref name="path"/> has had <paramref name="count"/> requests; returns that path's requests.</summary>
    public async Task<IReadOnlyList<Request>> WaitForCountAsync(string path, int count, int seconds = 20)
    {
        await WaitForAsync(r => r.Count(x => x.Path == path) >= count, $"{count} requests at {path}", seconds);
        return At(path);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>An integrator's check, written independently of the server: HMAC over the raw bytes, constant-time compare.</summary>
    public static bool Verifies(string secret, Request request)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(key, request.Body));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(request.Header("X-Verilock-Signature")));
    }

    /// <summary>The V2 <c>v1</c> value <paramref name="secret"/> gives for this request.</summary>
    public static string V2Signature(string secret, Request request)
    {
        var signed = Encoding.UTF8.GetBytes(request.Header("X-Verilock-Timestamp") + ".").Concat(request.Body).ToArray();
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <summary>Whether any <c>v1</c> of the V2 header matches <paramref name="secret"/> over "t.body", with t equal to X-Verilock-Timestamp.</summary>
    public static bool VerifiesV2(string secret, Request request)
    {
        var parts = request.Header("X-Verilock-Signature-V2").Split(',');
        var t = parts.Single(p => p.StartsWith("t=", StringComparison.Ordinal))[2..];
        Assert.Equal(request.Header("X-Verilock-Timestamp"), t);
        var signed = Encoding.UTF8.GetBytes(t + ".").Concat(request.Body).ToArray();
        var expected = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed)));
        return parts.Where(p => p.StartsWith("v1=", StringComparison.Ordinal))
            .Any(p => CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(p[3..])));
    }

    public static int V2SignatureCount(Request request) =>
        request.Header("X-Verilock-Signature-V2").Split(',').Count(p => p.StartsWith("v1=", StringComparison.Ordinal));
}
