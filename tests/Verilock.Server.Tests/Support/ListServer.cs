using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Verilock.Server.Tests.Support;

/// <summary>
/// A stand-in for the list publishers on 127.0.0.1 (a random port): serves whatever bytes a test puts at
/// a path, with an optional <c>Last-Modified</c>, and counts requests. Paths without content answer 404.
/// </summary>
public sealed class ListServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (byte[] Body, DateTimeOffset? LastModified)> _files = new();
    private int _requests;

    private ListServer(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    public int Requests => Volatile.Read(ref _requests);

    public static async Task<ListServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new ListServer(app);
        app.Run(server.ServeAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public Uri Url(string path) => new(BaseAddress, path);

    public void Put(string path, byte[] body, DateTimeOffset? lastModified = null) => _files["/" + path.TrimStart('/')] = (body, lastModified);

    public void PutFile(string path, string file, DateTimeOffset? lastModified = null) => Put(path, File.ReadAllBytes(file), lastModified);

    public void Remove(string path) => _files.TryRemove("/" + path.TrimStart('/'), out _);

    private async Task ServeAsync(HttpContext context)
    {
        Interlocked.Increment(ref _requests);
        if (!_files.TryGetValue(context.Request.Path.Value ?? "", out var file))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (file.LastModified is { } modified)
            context.Response.Headers.LastModified = modified.ToString("R");
        context.Response.ContentLength = file.Body.Length;
        await context.Response.Body.WriteAsync(file.Body);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
