using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Verilock.Server.Hosting;

/// <summary>
/// The <c>Verilock:ForwardedHeaders</c> section: which reverse proxies are trusted to say who the client is
/// (<c>X-Forwarded-For</c>), whether it came over HTTPS (<c>X-Forwarded-Proto</c>) and which host it asked for
/// (<c>X-Forwarded-Host</c>). Loopback is trusted as ASP.NET Core does by default; a header from any other peer is
/// ignored, so a client cannot pick the address the limits count it under.
/// </summary>
public sealed class ProxyOptions
{
    /// <summary>Proxy addresses, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Proxy networks in CIDR notation, e.g. <c>10.0.0.0/8</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public IEnumerable<string> Problems()
    {
        foreach (var proxy in KnownProxies.Where(p => !IPAddress.TryParse(p, out _)))
            yield return $"Verilock:ForwardedHeaders:KnownProxies: '{proxy}' is not an IP address.";
        foreach (var network in KnownNetworks.Where(n => !System.Net.IPNetwork.TryParse(n, out _)))
            yield return $"Verilock:ForwardedHeaders:KnownNetworks: '{network}' is not a network in CIDR notation (10.0.0.0/8).";
    }

    /// <summary>Adds the trusted proxies to ASP.NET Core's defaults (loopback), valid once <see cref="Problems"/> found nothing.</summary>
    public void ApplyTo(ForwardedHeadersOptions forwarded)
    {
        forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
        // Walk the whole chain of trusted proxies (a load balancer behind a CDN); the walk stops at the first
        // address that is not a trusted proxy, which is then the client.
        forwarded.ForwardLimit = null;
        foreach (var proxy in KnownProxies)
            forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in KnownNetworks)
            forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
    }
}
