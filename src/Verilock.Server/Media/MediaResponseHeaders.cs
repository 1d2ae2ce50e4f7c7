using Microsoft.Net.Http.Headers;

namespace Verilock.Server.Media;

/// <summary>
/// Headers on every response that carries an applicant's image (the API's §8.7 endpoints and the dashboard's view).
/// Identity images must not linger in caches; and a file opened directly is downloaded in a sandbox, never rendered as
/// a page of our origin: an uploaded file is the applicant's bytes, and a crafted one must not run as our content.
/// An <c>&lt;img&gt;</c> ignores <c>Content-Disposition</c>, so the dashboard still shows it in place.
/// </summary>
public static class MediaResponseHeaders
{
    public static void Apply(HttpResponse response, string name, string contentType)
    {
        var headers = response.Headers;
        headers.CacheControl = "no-store";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "sandbox";
        headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = $"{name}.{Extension(contentType)}" }.ToString();
    }

    private static string Extension(string contentType) => contentType switch
    {
        "image/jpeg" => "jpg",
        "image/png" => "png",
        "application/pdf" => "pdf",
        _ => "bin",
    };
}
