using System.Net.Http.Headers;

namespace Verilock.Server.Tests.Support;

/// <summary>Multipart bodies and small files of each accepted type for the upload endpoints.</summary>
public static class Uploads
{
    /// <summary>Bytes that sniff as JPEG (the sandbox checks only type and size), distinct per <paramref name="seed"/>.</summary>
    public static byte[] Jpeg(int seed = 1, int size = 2048) => WithMagic([0xFF, 0xD8, 0xFF, 0xE0], seed, size);

    public static byte[] Png(int seed = 1, int size = 2048) => WithMagic([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], seed, size);

    public static byte[] Pdf(int seed = 1, int size = 2048) => WithMagic("%PDF-1.7\n"u8.ToArray(), seed, size);

    private static byte[] WithMagic(byte[] magic, int seed, int size)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        magic.CopyTo(bytes, 0);
        return bytes;
    }

    public static MultipartFormDataContent Form(params (string Name, object Value, string? FileName)[] parts)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, value, fileName) in parts)
        {
            if (value is byte[] bytes)
            {
                var content = new ByteArrayContent(bytes);
                // A misleading part type: the server must go by the bytes (spec §8.4).
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(content, name, fileName ?? name + ".bin");
            }
            else
            {
                form.Add(new StringContent((string)value), name);
            }
        }
        return form;
    }

    public static (string, object, string?) File(string name, byte[] bytes, string? fileName = null) => (name, bytes, fileName);

    public static (string, object, string?) Field(string name, string value) => (name, value, null);

    public static Task<HttpResponseMessage> PostDocumentAsync(this HttpClient client, string sessionId, params (string, object, string?)[] parts) =>
        client.PostAsync($"/api/v1/sessions/{sessionId}/documents", Form(parts));

    public static Task<HttpResponseMessage> PostSelfieAsync(this HttpClient client, string sessionId, byte[] image, string field = "image") =>
        client.PostAsync($"/api/v1/sessions/{sessionId}/selfie", Form(File(field, image, "selfie.jpg")));

    public static Task<HttpResponseMessage> SubmitAsync(this HttpClient client, string sessionId) =>
        client.PostAsync($"/api/v1/sessions/{sessionId}/submit", null);
}
