using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Verilock.Client.Tests.Support;

/// <summary>
/// An integrator's webhook receiver: a real HTTP server on 127.0.0.1 (the server's sender only talks to real addresses)
/// that answers 200 and keeps each request's raw body and headers, for the client's signature check to judge.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Delivery(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
    {
        public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"No {name} header.");
    }

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _received = new();

    private WebhookReceiver(WebApplication app)
    {
        _app = app;
        app.Run(async context =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            _received.Enqueue(new Delivery(context.Request.Path, headers, body.ToArray()));
            await context.Response.WriteAsync("ok");
        });
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

    public Uri Url(string path) => new(BaseUrl + path);

    /// <summary>Waits (real time) until <paramref name="path"/> has had <paramref name="count"/> deliveries; returns them in arrival order.</summary>
    public async Task<IReadOnlyList<Delivery>> WaitForAsync(string path, int count, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var at = _received.Where(d => d.Path == path).ToList();
            if (at.Count >= count)
                return at;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {count} deliveries at {path}; got {at.Count}.");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
