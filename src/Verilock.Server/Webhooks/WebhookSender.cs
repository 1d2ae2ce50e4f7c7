using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using Microsoft.Extensions.Options;
using Verilock.Infrastructure.Persistence.Records;

namespace Verilock.Server.Webhooks;

/// <summary>
/// Makes one delivery attempt (spec §12.3–12.4): a signed JSON POST, success only for a 2xx within the
/// request timeout, redirects not followed, at most <see cref="MaxResponseBytes"/> of the response read.
/// Retries are not done here: each attempt is scheduled and recorded in the database, so they survive restarts.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, TimeProvider time, IOptions<WebhookOptions> options)
{
    public const string ClientName = "Verilock.Webhooks";
    public const int MaxResponseBytes = 64 * 1024;

    /// <summary>Receivers' logs tell which release sent a delivery.</summary>
    public static readonly string UserAgent = $"Verilock-Webhooks/{Hosting.VerilockVersion.Current}";
    private readonly WebhookOptions _options = options.Value;
    private readonly IReadOnlyList<IPNetwork> _networks = options.Value.Networks();
    private readonly bool _proxied = options.Value.ProxyUri() is not null;

    public sealed record Outcome(int? ResponseStatus, string? Error);

    /// <summary>The secrets that sign one target's deliveries; <see cref="Previous"/> only inside a rotation window.</summary>
    public sealed record Secrets(string Current, string? Previous);

    public async Task<Outcome> SendAsync(WebhookDelivery delivery, Secrets secrets, CancellationToken stoppingToken)
    {
        if (delivery.LiveMode && !_options.AllowInsecureTargets &&
            !delivery.Url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            return new Outcome(null, "connection_error");

        if (!Uri.TryCreate(delivery.Url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
            return new Outcome(null, "connection_error");
        if (_proxied && !_options.AllowInsecureTargets && !await ProxiedTargetAllowedAsync(target, stoppingToken))
            return new Outcome(null, "connection_error");

        var body = Encoding.UTF8.GetBytes(delivery.Payload ?? "null");
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.UserAgent.ParseAdd(UserAgent);
        request.Headers.TryAddWithoutValidation(WebhookSigner.SignatureHeader, WebhookSigner.Sign(secrets.Current, body));
        request.Headers.TryAddWithoutValidation(WebhookSigner.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.TryAddWithoutValidation(WebhookSigner.SignatureV2Header, WebhookSigner.V2Header(timestamp, body, secrets.Current, secrets.Previous));
        request.Headers.TryAddWithoutValidation(WebhookSigner.EventHeader, delivery.EventType);
        request.Headers.TryAddWithoutValidation(WebhookSigner.AttemptHeader, delivery.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture));

        // The deadline runs on TimeProvider, so tests decide when an attempt has taken too long.
        using var deadline = new CancellationTokenSource(_options.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, stoppingToken);
        try
        {
            using var response = await clients.CreateClient(ClientName)
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            await DrainAsync(response, linked.Token);
            var status = (int)response.StatusCode;
            return status switch
            {
                >= 200 and < 300 => new Outcome(status, null),
                >= 300 and < 400 => new Outcome(status, "redirect"),
                _ => new Outcome(status, $"http_{status}"),
            };
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            return new Outcome(null, "timeout");
        }
        catch (HttpRequestException ex) when (ex.HttpRequestError == HttpRequestError.SecureConnectionError || ex.InnerException is AuthenticationException)
        {
            return new Outcome(null, "tls_error");
        }
        catch (HttpRequestException)
        {
            return new Outcome(null, "connection_error");
        }
    }

    /// <summary>
    /// Reads (and drops) the response up to the cap so the connection can be reused; a larger or slow body
    /// is abandoned, which closes the connection. The status alone decides the outcome.
    /// </summary>
    private static async Task DrainAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentLength > MaxResponseBytes)
            return;
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            var buffer = new byte[8192];
            var total = 0;
            int read;
            while (total <= MaxResponseBytes && (read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
                total += read;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or OperationCanceledException)
        {
            // The status line is already in; a broken or slow body does not change the outcome.
        }
    }

    /// <summary>
    /// The primary handler of the webhook client. No redirects, no cookies; every new connection resolves the host
    /// itself and connects only to an allowed address (public, or in <c>AllowedNetworks</c>), so the address checked is
    /// the address used (no DNS rebinding between check and connect). No proxy unless the operator configures one
    /// (<c>Verilock:Webhooks:Proxy</c>): then the connection to the proxy is the operator's own and is not filtered, and
    /// <see cref="SendAsync"/> checks the target's addresses before the request is handed to it.
    /// </summary>
    public static SocketsHttpHandler CreateHandler(WebhookOptions options)
    {
        var networks = options.Networks();
        var proxy = options.ProxyUri();
        return new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = proxy is not null,
            Proxy = proxy is null ? null : new WebProxy(proxy) { BypassProxyOnLocal = false },
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            MaxResponseHeadersLength = 64,
            ConnectCallback = (context, cancellationToken) =>
                ConnectAsync(context.DnsEndPoint, options.AllowInsecureTargets || IsProxy(context.DnsEndPoint, proxy), networks, cancellationToken),
        };
    }

    private static bool IsProxy(DnsEndPoint endpoint, Uri? proxy) =>
        proxy is not null && endpoint.Port == proxy.Port &&
        string.Equals(endpoint.Host.Trim('[', ']'), proxy.IdnHost.Trim('[', ']'), StringComparison.OrdinalIgnoreCase);

    private static async ValueTask<Stream> ConnectAsync(
        DnsEndPoint target, bool anyAddress, IReadOnlyList<IPNetwork> networks, CancellationToken cancellationToken)
    {
        var addresses = await ResolveAsync(target.Host, cancellationToken);
        var allowed = anyAddress ? addresses : addresses.Where(a => WebhookTargets.IsAllowed(a, networks)).ToArray();
        if (allowed.Length == 0)
            throw new BlockedTargetException();

        Exception? last = null;
        foreach (var address in allowed)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(address, target.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
        throw last!;
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        host = host.Trim('[', ']');
        return IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, cancellationToken);
    }

    /// <summary>
    /// Through a proxy the proxy connects, so the target is checked here: every address it resolves to must be
    /// allowed (the proxy may pick any of them). A proxy resolving differently from this host is the operator's to
    /// rule out; <c>docs/webhooks.md</c> says so.
    /// </summary>
    private async Task<bool> ProxiedTargetAllowedAsync(Uri target, CancellationToken cancellationToken)
    {
        try
        {
            var addresses = await ResolveAsync(target.IdnHost, cancellationToken);
            return addresses.Length > 0 && addresses.All(a => WebhookTargets.IsAllowed(a, _networks));
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The target resolves only to addresses webhooks may not reach; recorded as <c>connection_error</c>.</summary>
    public sealed class BlockedTargetException() : IOException("The webhook target resolves only to non-public addresses.");
}
