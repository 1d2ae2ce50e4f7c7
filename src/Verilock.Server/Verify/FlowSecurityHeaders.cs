namespace Verilock.Server.Verify;

/// <summary>
/// Headers of the hosted flow's pages. The URL holds the session token, so no referrer ever leaves the page;
/// the policy allows only this server's own script, styles and API, and the camera for this origin alone.
/// </summary>
public static class FlowSecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; " +
        "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static void Apply(HttpResponse response)
    {
        var headers = response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=()";
        headers.CacheControl = "no-store";
    }
}
