using System.Net;

namespace Verilock.Server.Hosting;

/// <summary>
/// Where the server listens, read from the same settings Kestrel reads (<c>Kestrel:Endpoints:*:Url</c>, else
/// <c>urls</c> / <c>--urls</c> / <c>ASPNETCORE_URLS</c>, else <c>http_ports</c>/<c>https_ports</c>, else Kestrel's
/// default <c>http://localhost:5000</c>). Only a server bound to loopback alone is reachable from nowhere else: there
/// cookies may go without <c>Secure</c> over plain HTTP (development, or a proxy on the same host) and applicant
/// links may take the request's origin.
/// </summary>
public sealed class ServerBinding(IReadOnlyList<string> urls)
{
    public IReadOnlyList<string> Urls { get; } = urls;

    public bool OnlyLoopback { get; } = urls.All(IsLoopback);

    /// <summary>
    /// Cookies are always <c>Secure</c> on a server others can reach, even when a request arrives over plain HTTP
    /// (a proxy that is not trusted, a misrouted request): a session cookie must never travel in clear. Bound to
    /// loopback alone, they follow the request, so development over <c>http://127.0.0.1</c> still signs in.
    /// </summary>
    public CookieSecurePolicy CookiePolicy => OnlyLoopback ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;

    public bool SecureCookie(HttpRequest request) => !OnlyLoopback || request.IsHttps;

    public static ServerBinding From(IConfiguration configuration)
    {
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren()
            .Select(e => e["Url"]).OfType<string>().ToList();
        if (endpoints.Count > 0)
            return new ServerBinding(endpoints);
        if (Split(configuration["urls"]) is { Count: > 0 } urls)
            return new ServerBinding(urls);
        // Ports alone bind every interface (Kestrel listens on http://*:port).
        var ports = Split(configuration["http_ports"]).Select(p => $"http://*:{p}")
            .Concat(Split(configuration["https_ports"]).Select(p => $"https://*:{p}")).ToList();
        return new ServerBinding(ports.Count > 0 ? ports : ["http://localhost:5000"]);
    }

    private static List<string> Split(string? value) =>
        (value ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();

    /// <summary><c>localhost</c>, <c>127.x.x.x</c> or <c>[::1]</c>; a wildcard (<c>*</c>, <c>+</c>, <c>0.0.0.0</c>) or any other name is not.</summary>
    private static bool IsLoopback(string url)
    {
        // Kestrel accepts wildcards that are not valid URI hosts; anything that does not parse listens widely.
        var host = Uri.TryCreate(url.Replace("://*", "://any-host").Replace("://+", "://any-host"), UriKind.Absolute, out var uri)
            ? uri.Host.Trim('[', ']')
            : null;
        if (host is null)
            return false;
        return string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
    }
}
