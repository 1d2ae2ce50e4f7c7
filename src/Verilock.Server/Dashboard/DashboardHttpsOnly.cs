using Verilock.Server.Hosting;

namespace Verilock.Server.Dashboard;

/// <summary>
/// On a server reachable beyond loopback the dashboard's cookies are always <c>Secure</c>
/// (<see cref="ServerBinding.CookiePolicy"/>), so over plain HTTP no sign-in could work (antiforgery refuses to issue
/// a Secure cookie on an HTTP request, a browser would not send one back). Such a request gets a 403 saying what to
/// fix instead of an error page or a sign-in loop: serve HTTPS, or trust the proxy that terminates it.
/// </summary>
public static class DashboardHttpsOnly
{
    public const string Message =
        "The dashboard is served over HTTPS only on a server reachable from other hosts. If a reverse proxy terminates "
        + "TLS, list it in Verilock:ForwardedHeaders:KnownProxies or KnownNetworks so its X-Forwarded-Proto is trusted.";

    public static async Task RefusePlainHttpAsync(HttpContext context, RequestDelegate next)
    {
        if (context.Request.IsHttps || context.RequestServices.GetRequiredService<ServerBinding>().OnlyLoopback)
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(Message, context.RequestAborted);
    }
}
