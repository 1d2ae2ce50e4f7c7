using System.Net;

namespace Verilock.Server.Webhooks;

/// <summary><c>Verilock:Webhooks</c>: delivery settings (environment: <c>VERILOCK__WEBHOOKS__…</c>).</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// Allows plain-http targets in live mode and targets on loopback, private and link-local addresses
    /// (e.g. <c>http://127.0.0.1:9000/hook</c>) in every mode. For tests and local development only.
    /// </summary>
    public bool AllowInsecureTargets { get; set; }

    /// <summary>
    /// Comma-separated networks in CIDR notation (<c>10.20.0.0/16, fd00:1::/64</c>) that webhooks may reach although
    /// they are private: an integrator's backend on the same private network. Live endpoints and sessions'
    /// <c>webhook_url</c>s may then name them (https is still required in live mode), and deliveries connect to an
    /// address the target resolves to only when it is public or inside one of them. Every other non-public address
    /// stays refused.
    /// </summary>
    public string? AllowedNetworks { get; set; }

    /// <summary>
    /// An outbound proxy for deliveries (<c>http://proxy.internal:3128</c>), where the server may not reach the internet
    /// itself. The target's addresses are still checked here before the request goes to the proxy.
    /// </summary>
    public string? Proxy { get; set; }

    /// <summary>Whether this process delivers webhooks. Off, events still queue up in the database for other instances.</summary>
    public bool Dispatch { get; set; } = true;

    /// <summary>
    /// Base64 of 32 bytes: the AES-256-GCM key that encrypts webhook secrets at rest. Empty: a key is generated
    /// once into <c>webhook-secrets.key</c> in the data folder. Instances sharing a database need the same key.
    /// </summary>
    public string? SecretKey { get; set; }

    /// <summary>A 2xx must arrive within this time (spec §12.4: 10 s).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a claimed attempt belongs to its instance. If the instance dies, the delivery is attempted again
    /// after this; it must exceed <see cref="RequestTimeout"/> so a live attempt is never claimed twice.
    /// </summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the database is checked for work from other instances and for due retries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts in flight at once, per instance.</summary>
    public int MaxConcurrency { get; set; } = 256;

    /// <summary>Outbox events fanned out, or deliveries claimed, per database round.</summary>
    public int BatchSize { get; set; } = 200;

    public IEnumerable<string> Problems()
    {
        if (RequestTimeout <= TimeSpan.Zero)
            yield return "Verilock:Webhooks:RequestTimeout must be positive.";
        if (ClaimLease <= RequestTimeout)
            yield return "Verilock:Webhooks:ClaimLease must be longer than Verilock:Webhooks:RequestTimeout.";
        if (PollInterval <= TimeSpan.Zero)
            yield return "Verilock:Webhooks:PollInterval must be positive.";
        if (MaxConcurrency < 1)
            yield return "Verilock:Webhooks:MaxConcurrency must be at least 1.";
        if (BatchSize is < 1 or > 1000)
            yield return "Verilock:Webhooks:BatchSize must be between 1 and 1000.";
        if (!Infrastructure.Security.MasterKeys.IsValidOrEmpty(SecretKey))
            yield return "Verilock:Webhooks:SecretKey must be the base64 of exactly 32 bytes.";
        foreach (var entry in NetworkEntries())
        {
            if (!IPNetwork.TryParse(entry, out var network))
                yield return $"Verilock:Webhooks:AllowedNetworks: '{entry}' is not a network in CIDR notation (e.g. 10.20.0.0/16).";
            else if (network.PrefixLength == 0)
                yield return $"Verilock:Webhooks:AllowedNetworks: '{entry}' allows every address; list the private networks webhooks may reach.";
        }
        if (!string.IsNullOrWhiteSpace(Proxy) && ProxyUri() is null)
            yield return $"Verilock:Webhooks:Proxy must be an absolute http, https or socks5 URL (e.g. http://proxy.internal:3128), not '{Proxy}'.";
    }

    /// <summary>The networks of <see cref="AllowedNetworks"/>; valid once <see cref="Problems"/> found nothing.</summary>
    public IReadOnlyList<IPNetwork> Networks() =>
        NetworkEntries().Select(e => IPNetwork.TryParse(e, out var network) && network.PrefixLength > 0 ? network : (IPNetwork?)null)
            .OfType<IPNetwork>().ToList();

    /// <summary>The proxy's address, or null for none (or an invalid one, which <see cref="Problems"/> reports).</summary>
    public Uri? ProxyUri() =>
        Uri.TryCreate(Proxy?.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "socks5" && !string.IsNullOrEmpty(uri.Host)
            ? uri
            : null;

    private string[] NetworkEntries() =>
        (AllowedNetworks ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
