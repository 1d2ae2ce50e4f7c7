using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Verilock.Server.Media;

/// <summary>
/// Reads a <c>multipart/form-data</c> upload at the edge (spec §3, §8.4): each file is capped at 10 MiB while
/// it is read (the rest of the request is never buffered past that), text fields at a few KiB, and the
/// answer is one of the spec's errors: 415 for another content type, 400 for broken multipart, 413 for a
/// file over the cap. Files are kept in memory; the request cap (25 MiB) bounds them, also for a liveness burst.
/// </summary>
public sealed class MultipartForm
{
    public const long MaxFileBytes = 10 * 1024 * 1024;
    private const int MaxTextBytes = 4 * 1024;
    private const int MaxParts = 16;

    public sealed record FilePart(string FieldName, string? FileName, byte[] Content);

    public Dictionary<string, string> Fields { get; } = new(StringComparer.Ordinal);
    /// <summary>The last file of each field.</summary>
    public Dictionary<string, FilePart> Files { get; } = new(StringComparer.Ordinal);

    /// <summary>Every file read, in request order (a liveness burst repeats its field).</summary>
    public List<FilePart> AllFiles { get; } = [];

    public readonly record struct Outcome(MultipartForm? Form, IResult? Error);

    /// <param name="fileFields">The field names read as files; any other file part is ignored without being kept.</param>
    public static async Task<Outcome> ReadAsync(HttpRequest request, IReadOnlySet<string> fileFields, CancellationToken cancellationToken)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType) ||
            !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            return new(null, Api.ApiError.UnsupportedMediaType("The request body must be multipart/form-data."));
        var boundary = HeaderUtilities.RemoveQuotes(contentType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary) || boundary.Length > 200)
            return new(null, Api.ApiError.BadRequest("The multipart request has no valid boundary."));

        var form = new MultipartForm();
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        try
        {
            for (var parts = 0; await reader.ReadNextSectionAsync(cancellationToken) is { } section; parts++)
            {
                if (parts == MaxParts)
                    return new(null, Api.ApiError.BadRequest($"The multipart request has more than {MaxParts} parts."));
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) ||
                    !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                    return new(null, Api.ApiError.BadRequest("A multipart section has no form-data Content-Disposition."));
                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
                if (disposition.IsFileDisposition())
                {
                    if (!fileFields.Contains(name))
                    {
                        await section.Body.CopyToAsync(Stream.Null, cancellationToken);
                        continue;
                    }
                    var content = await ReadCappedAsync(section.Body, MaxFileBytes, cancellationToken);
                    if (content is null)
                        return new(null, Api.ApiError.PayloadTooLarge(MaxFileBytes));
                    var part = new FilePart(name, CleanFileName(disposition), content);
                    form.Files[name] = part;
                    form.AllFiles.Add(part);
                }
                else
                {
                    var text = await ReadCappedAsync(section.Body, MaxTextBytes, cancellationToken);
                    if (text is null)
                        return new(null, Api.ApiError.BadRequest($"The form field '{Truncate(name)}' is longer than {MaxTextBytes} bytes."));
                    form.Fields[name] = Encoding.UTF8.GetString(text).Trim();
                }
            }
        }
        catch (InvalidDataException)
        {
            return new(null, Api.ApiError.BadRequest("The multipart request body could not be read."));
        }
        catch (IOException) when (!cancellationToken.IsCancellationRequested)
        {
            return new(null, Api.ApiError.BadRequest("The multipart request body ended unexpectedly."));
        }
        return new(form, null);
    }

    /// <summary>The bytes, or null as soon as more than <paramref name="limit"/> arrive.</summary>
    private static async Task<byte[]?> ReadCappedAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
                return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The original file name as the API reports it (spec §8.4 <c>files</c>): its last segment, printable, ≤ 255 chars.</summary>
    private static string? CleanFileName(ContentDispositionHeaderValue disposition)
    {
        var raw = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
        if (string.IsNullOrWhiteSpace(raw))
            return null;
        var name = new string(raw.Replace('\\', '/').Split('/')[^1].Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? null : Truncate(name, 255);
    }

    private static string Truncate(string text, int max = 40) => text.Length <= max ? text : text[..max];
}
