namespace Verilock.Client;

/// <summary>
/// An image or PDF as the server stored it (spec §8.7), streamed. Dispose it when done: it holds the HTTP response
/// (and its connection) open until then.
/// </summary>
public sealed class MediaDownload : IDisposable, IAsyncDisposable
{
    private readonly HttpResponseMessage _response;

    internal MediaDownload(HttpResponseMessage response, Stream content, VerilockResponse meta)
    {
        _response = response;
        Content = content;
        Response = meta;
    }

    /// <summary>The bytes, read once from the network.</summary>
    public Stream Content { get; }

    /// <summary>The type the server sniffed from the bytes at upload: <c>image/jpeg</c>, <c>image/png</c> or <c>application/pdf</c>.</summary>
    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>The size in bytes, when the server sent it.</summary>
    public long? ContentLength => _response.Content.Headers.ContentLength;

    /// <summary>The exchange the file came in.</summary>
    public VerilockResponse Response { get; }

    /// <summary>Closes the stream and the response.</summary>
    public void Dispose()
    {
        Content.Dispose();
        _response.Dispose();
    }

    /// <summary>Closes the stream and the response.</summary>
    public async ValueTask DisposeAsync()
    {
        await Content.DisposeAsync().ConfigureAwait(false);
        _response.Dispose();
    }
}
