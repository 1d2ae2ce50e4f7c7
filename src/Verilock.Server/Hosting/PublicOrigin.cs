using Microsoft.Extensions.Options;

namespace Verilock.Server.Hosting;

/// <summary>The origin put in applicant-facing links (<c>session_url</c>): configured, or the request's own.</summary>
public sealed class PublicOrigin(IOptions<VerilockOptions> options)
{
    public string For(HttpRequest request) =>
        string.IsNullOrEmpty(options.Value.PublicBaseUrl)
            ? $"{request.Scheme}://{request.Host}"
            : options.Value.PublicBaseUrl.TrimEnd('/');
}
