using System.Net.Http.Headers;

namespace Verilock.Client.Http;

/// <summary>
/// A <c>multipart/form-data</c> body whose files are read once and whose content is rebuilt for every attempt (a sent
/// body cannot be sent again). Field names are the server's (spec §8.4, §8.5).
/// </summary>
internal sealed class MultipartBody
{
    private readonly List<(string Name, string Value)> _fields = [];
    private readonly List<(string Name, string FileName, byte[] Bytes)> _files = [];

    public MultipartBody Field(string name, string? value)
    {
        if (value is not null)
            _fields.Add((name, value));
        return this;
    }

    public async Task<MultipartBody> FileAsync(string name, UploadFile? file, CancellationToken cancellationToken)
    {
        if (file is not null)
            _files.Add((name, file.FileName, await file.ReadAsync(cancellationToken).ConfigureAwait(false)));
        return this;
    }

    // The parts belong to the form once added, and the form disposes them with itself (CA2000 cannot see the hand-over).
#pragma warning disable CA2000
    public HttpContent Build()
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value) in _fields)
            form.Add(new StringContent(value), name);
        foreach (var (name, fileName, bytes) in _files)
        {
            var part = new ByteArrayContent(bytes);
            // The server sniffs the type from the bytes; the part's type is only a courtesy to proxies and logs.
            part.Headers.ContentType = new MediaTypeHeaderValue(GuessType(fileName));
            form.Add(part, name, fileName);
        }
        return form;
    }
#pragma warning restore CA2000

    private static string GuessType(string fileName) => Path.GetExtension(fileName).ToUpperInvariant() switch
    {
        ".JPG" or ".JPEG" => "image/jpeg",
        ".PNG" => "image/png",
        ".PDF" => "application/pdf",
        _ => "application/octet-stream",
    };
}
