using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Verilock.Server.Tests.Support;

/// <summary>
/// The in-memory test server has no TCP peer; this puts one in, from a test-only header, before the server's own
/// pipeline (so before <c>UseForwardedHeaders</c>), the way Kestrel fills it from the socket.
/// </summary>
public sealed class TestPeer : IStartupFilter
{
    public const string Header = "X-Test-Peer";

    /// <summary>The address of the reverse proxy the limit fixtures trust.</summary>
    public const string TrustedProxy = "10.0.0.5";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            if (context.Request.Headers.TryGetValue(Header, out var peer))
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(peer.ToString());
                context.Request.Headers.Remove(Header);
            }
            return nextMiddleware(context);
        });
        next(app);
    };

    private static int _addresses;

    /// <summary>A client address no other test of the run uses.</summary>
    public static string NewAddress()
    {
        var n = Interlocked.Increment(ref _addresses);
        return $"198.51.{n / 250 % 256}.{n % 250 + 1}";
    }
}
