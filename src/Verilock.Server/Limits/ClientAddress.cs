using System.Net;

namespace Verilock.Server.Limits;

/// <summary>
/// The address a per-client limit counts a request under: the TCP peer, or what a trusted proxy forwarded
/// (<c>UseForwardedHeaders</c> has already replaced the peer by then; an untrusted peer's header was ignored).
/// </summary>
public static class ClientAddress
{
    public static string For(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
            return "none"; // a Unix socket or an in-memory host: all such clients share one count
        if (address.IsIPv4MappedToIPv6)
            address = address.MapToIPv4();
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 && !IPAddress.IsLoopback(address))
        {
            // One IPv6 host usually holds a whole /64 and can change address within it at will: count the prefix.
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }
        return address.ToString();
    }
}
