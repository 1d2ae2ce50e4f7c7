using System.Text.Json;

namespace Verilock.Server.Api;

/// <summary>
/// Reads a JSON request body at the edge with the spec's rules (§3): non-JSON content type → 415,
/// more than 1 MiB → 413 (enforced while reading), malformed or non-UTF-8 JSON or a non-object root → 400.
/// Field types are checked by each endpoint so a wrong type becomes a 422 on that field.
/// </summary>
public static class JsonBody
{
    public readonly record struct Outcome(JsonElement Root, IResult? Error);

    public static async Task<Outcome> ReadObjectAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > ApiError.MaxJsonBytes)
            return new(default, ApiError.PayloadTooLarge(ApiError.MaxJsonBytes));

        var bytes = await ReadCappedAsync(request, cancellationToken);
        if (bytes is null)
            return new(default, ApiError.PayloadTooLarge(ApiError.MaxJsonBytes));
        if (bytes.Length == 0 || bytes.AsSpan().Trim(" \t\r\n"u8).Length == 0)
            return new(EmptyObject, null);
        if (!IsJsonContentType(request.ContentType))
            return new(default, ApiError.UnsupportedMediaType("The request body must be JSON (Content-Type: application/json)."));

        // The parser checks UTF-8 only when a string is read; reject bad bytes here, as a 400, not deep inside a handler.
        if (!System.Text.Unicode.Utf8.IsValid(bytes))
            return new(default, ApiError.BadRequest("The request body is not valid UTF-8."));
        try
        {
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 32 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return new(default, ApiError.BadRequest("The request body must be a JSON object."));
            return new(document.RootElement.Clone(), null);
        }
        catch (JsonException)
        {
            return new(default, ApiError.BadRequest("The request body is not valid JSON."));
        }
    }

    private static readonly JsonElement EmptyObject = JsonDocument.Parse("{}").RootElement.Clone();

    private static bool IsJsonContentType(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
            return false;
        var mediaType = contentType.Split(';')[0].Trim();
        return mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) ||
               mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads the whole body, or returns null as soon as it exceeds the limit.</summary>
    private static async Task<byte[]?> ReadCappedAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > ApiError.MaxJsonBytes)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
