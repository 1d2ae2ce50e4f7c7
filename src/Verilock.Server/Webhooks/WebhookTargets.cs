using System.Net;
using System.Net.Sockets;

namespace Verilock.Server.Webhooks;

/// <summary>
/// Where webhooks may be sent. Live mode takes only https; no mode may reach loopback, private, link-local
/// or other non-public addresses, so an API key cannot turn the server against the network it runs in
/// (SSRF) — except the networks the operator lists in <c>Verilock:Webhooks:AllowedNetworks</c>. Registration
/// rejects what it can see in the URL; delivery checks the address actually connected to
/// (<see cref="WebhookSender"/>), since DNS can point anywhere by then.
/// </summary>
public static class WebhookTargets
{
    public const int MaxUrlLength = 2048;

    /// <summary>The 422 message for <paramref name="url"/> as a target registered with a key of this mode, or null when acceptable.</summary>
    public static string? Problem(string url, bool liveMode, WebhookOptions options)
    {
        var httpAllowed = !liveMode || options.AllowInsecureTargets;
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) ||
            !(uri.Scheme == Uri.UriSchemeHttps || (httpAllowed && uri.Scheme == Uri.UriSchemeHttp)))
            return httpAllowed ? "The url must be an absolute http or https URL." : "The url must be an absolute https URL.";
        if (liveMode && !options.AllowInsecureTargets && IsRefusedHost(uri, options.Networks()))
            return "The url must not point to a loopback, private or link-local address.";
        return null;
    }

    /// <summary>Whether a URL names a refused host outright (an address literal or <c>localhost</c> outside the allowed networks).</summary>
    public static bool IsRefusedHost(Uri uri, IReadOnlyList<IPNetwork> allowedNetworks)
    {
        var host = uri.IdnHost.TrimEnd('.');
        if (host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
            host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
            return !IsAllowed(IPAddress.Loopback, allowedNetworks);
        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && !IsAllowed(address, allowedNetworks);
    }

    /// <summary>Public, or inside one of the networks the operator allowed.</summary>
    public static bool IsAllowed(IPAddress address, IReadOnlyList<IPNetwork> allowedNetworks)
    {
        if (IsPublic(address))
            return true;
        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in allowedNetworks)
        {
            if (network.Contains(plain))
                return true;
        }
        return false;
    }

    /// <summary>False for loopback, private, link-local, carrier-grade NAT, unspecified, multicast and reserved addresses.</summary>
    public static bool IsPublic(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            Span<byte> b = stackalloc byte[4];
            address.TryWriteBytes(b, out _);
            return !(b[0] == 0 ||                                   // "this" network
                     b[0] == 10 ||                                  // private
                     (b[0] == 100 && b[1] is >= 64 and <= 127) ||   // carrier-grade NAT
                     b[0] == 127 ||                                 // loopback
                     (b[0] == 169 && b[1] == 254) ||                // link-local (cloud metadata lives here)
                     (b[0] == 172 && b[1] is >= 16 and <= 31) ||    // private
                     (b[0] == 192 && b[1] == 0 && b[2] is 0 or 2) || // IETF protocol assignments, documentation
                     (b[0] == 192 && b[1] == 168) ||                // private
                     (b[0] == 198 && b[1] is 18 or 19) ||           // benchmarking
                     b[0] >= 224);                                  // multicast, reserved, broadcast
        }
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
            return false;
        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.IPv6Any) || address.IsIPv6LinkLocal ||
            address.IsIPv6SiteLocal || address.IsIPv6Multicast || address.IsIPv6UniqueLocal)
            return false;
        Span<byte> v6 = stackalloc byte[16];
        address.TryWriteBytes(v6, out _);
        // NAT64 and 6to4 embed an IPv4 address that may be private.
        if (v6[0] == 0x00 && v6[1] == 0x64 && v6[2] == 0xff && v6[3] == 0x9b)
            return IsPublic(new IPAddress(v6[12..]));
        if (v6[0] == 0x20 && v6[1] == 0x02)
            return IsPublic(new IPAddress(v6[2..6]));
        return true;
    }
}
