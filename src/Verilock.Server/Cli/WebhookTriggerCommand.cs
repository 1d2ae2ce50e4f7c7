using System.CommandLine;
using System.Globalization;
using System.Text;
using Verilock.Domain.Common;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Cli;

/// <summary>
/// <c>webhooks trigger EVENT --url URL [--secret whsec_…]</c>: sends one correctly signed sample of an event
/// (<see cref="WebhookSamples"/>) with every header of spec §12.3, as a delivery would, so an integrator can test
/// their receiver without running a session. Needs no server and no data folder.
/// </summary>
public static class WebhookTriggerCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10); // a delivery's own limit (spec §12.4)

    public static Command Create()
    {
        var eventName = new Argument<string>("event") { Description = "The event to send: " + string.Join(", ", WebhookEvents.Names) };
        var url = new Option<string>("--url") { Description = "The receiver's URL (http or https)", Required = true };
        var secret = new Option<string?>("--secret") { Description = "The endpoint's whsec_… secret to sign with (default: a new one, printed)" };
        var trigger = new Command("trigger", "Send a signed sample event to a URL, as a delivery would")
        {
            Arguments = { eventName }, Options = { url, secret },
        };
        trigger.SetAction((parsed, cancellationToken) =>
            SendAsync(parsed.GetValue(eventName)!, parsed.GetValue(url)!, parsed.GetValue(secret), cancellationToken));
        return new Command("webhooks", "Webhook tools for integrators") { Subcommands = { trigger } };
    }

    private static async Task<int> SendAsync(string eventName, string url, string? secret, CancellationToken cancellationToken)
    {
        if (!WebhookSamples.Has(eventName))
        {
            await Console.Error.WriteLineAsync($"Unknown event '{eventName}'. Events: {string.Join(", ", WebhookEvents.Names)}.");
            return 2;
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var target) || target.Scheme is not ("http" or "https"))
        {
            await Console.Error.WriteLineAsync("--url must be an absolute http or https URL.");
            return 2;
        }
        if (secret is not null && !secret.StartsWith("whsec_", StringComparison.Ordinal))
        {
            await Console.Error.WriteLineAsync("--secret must be an endpoint secret (whsec_…), as the API showed it.");
            return 2;
        }
        if (secret is null)
        {
            secret = Ids.NewWebhookSecret();
            Console.WriteLine($"Signing with a new secret (configure your receiver with it): {secret}");
        }

        var now = DateTime.UtcNow;
        var body = Encoding.UTF8.GetBytes(WebhookSamples.Envelope(eventName, now).ToJsonString());
        var timestamp = new DateTimeOffset(now).ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, target) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSigner.SignatureHeader, WebhookSigner.Sign(secret, body));
        request.Headers.Add(WebhookSigner.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSigner.SignatureV2Header, WebhookSigner.V2Header(timestamp, body, secret, previousSecret: null));
        request.Headers.Add(WebhookSigner.EventHeader, eventName);
        request.Headers.Add(WebhookSigner.AttemptHeader, "1");

        // Like a delivery: redirects are not followed.
        using var client = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout };
        try
        {
            using var response = await client.SendAsync(request, cancellationToken);
            var reply = await response.Content.ReadAsStringAsync(cancellationToken);
            var shown = reply.Length > 200 ? reply[..200] + "…" : reply;
            Console.WriteLine($"Sent {eventName} ({body.Length} bytes) to {target}: {(int)response.StatusCode} {response.ReasonPhrase} {shown}".TrimEnd());
            if (response.IsSuccessStatusCode)
                return 0;
            await Console.Error.WriteLineAsync("The receiver did not answer 2xx: a real delivery would be retried.");
            return 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"Could not deliver to {target}: {(e is TaskCanceledException ? $"no answer within {Timeout.TotalSeconds:0} s" : e.Message)}");
            return 1;
        }
    }
}
