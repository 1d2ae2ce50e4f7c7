using System.Collections.Concurrent;
using System.Text.Json;

/// <summary>
/// The integrator's webhook receiver: a Kestrel server on 127.0.0.1 recording each delivery's event, session and
/// webhook id. Deliveries are at least once: the same <c>webhook_id</c> twice is a redelivery (e.g. an instance killed
/// after sending, before recording), which a receiver deduplicates; two different ids for one decision would be a
/// duplicated event.
/// </summary>
sealed class HookCollector : IAsyncDisposable
{
    public sealed record Delivery(string WebhookId, string Event, string? SessionId);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _received = new();

    private HookCollector(WebApplication app)
    {
        _app = app;
        app.MapPost("/hook", async (HttpRequest request) =>
        {
            using var body = await JsonDocument.ParseAsync(request.Body);
            var root = body.RootElement;
            var data = root.GetProperty("data");
            _received.Enqueue(new Delivery(root.GetProperty("webhook_id").GetString()!, root.GetProperty("event").GetString()!,
                data.TryGetProperty("session_id", out var session) ? session.GetString() : null));
            return Results.Ok();
        });
    }

    public static async Task<HookCollector> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var collector = new HookCollector(builder.Build());
        await collector._app.StartAsync();
        collector.Url = collector._app.Urls.Single() + "/hook";
        return collector;
    }

    public string Url { get; private set; } = "";

    public IReadOnlyList<Delivery> Received => _received.ToArray();

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
