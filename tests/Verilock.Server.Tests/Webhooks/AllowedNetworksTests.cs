using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Server.Hosting;
using Verilock.Server.Tests.Support;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Tests.Webhooks;

/// <summary>
/// <c>Verilock:Webhooks:AllowedNetworks</c> and <c>Proxy</c> at the level of the delivery client: the address a target
/// resolves to is checked when connecting, inside an allowed network it is reached, outside it is refused before any
/// connection; through a proxy the target is checked before the request is handed over.
/// </summary>
public sealed class AllowedNetworksTests
{
    private static readonly IPAddress Other = IPAddress.Parse("127.0.0.2");

    private static WebhookSender Sender(WebhookOptions options) =>
        new(new OneClient(WebhookSender.CreateHandler(options)), TimeProvider.System, Options.Create(options));

    private static WebhookDelivery Delivery(string url, bool live = false) => new()
    {
        WebhookId = "wh_evt_000000000001",
        EventType = "session.created",
        Url = url,
        Payload = """{"event":"session.created"}""",
        Status = WebhookDelivery.Pending,
        LiveMode = live,
        Attempts = 1,
    };

    private static readonly WebhookSender.Secrets Secret = new("whsec_allowed-networks-test", null);

    [Fact]
    public void Invalid_networks_and_proxies_are_each_listed_by_value()
    {
        var options = new WebhookOptions { AllowedNetworks = "10.20.0.0/16, 10.0.0.0/33,banana, 0.0.0.0/0 ,fd00:1::/64", Proxy = "ftp://proxy" };
        Assert.Equal([
            "Verilock:Webhooks:AllowedNetworks: '10.0.0.0/33' is not a network in CIDR notation (e.g. 10.20.0.0/16).",
            "Verilock:Webhooks:AllowedNetworks: 'banana' is not a network in CIDR notation (e.g. 10.20.0.0/16).",
            "Verilock:Webhooks:AllowedNetworks: '0.0.0.0/0' allows every address; list the private networks webhooks may reach.",
            "Verilock:Webhooks:Proxy must be an absolute http, https or socks5 URL (e.g. http://proxy.internal:3128), not 'ftp://proxy'.",
        ], options.Problems());
        Assert.Equal([IPNetwork.Parse("10.20.0.0/16"), IPNetwork.Parse("fd00:1::/64")], options.Networks());
    }

    [Fact]
    public void A_bad_network_stops_start_up_in_the_one_message_listing_every_problem()
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"verilock-networks-{Guid.NewGuid():N}");
        var failure = Assert.Throws<OptionsValidationException>(() => VerilockHost.Build([], dataDir, builder =>
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Verilock:Webhooks:AllowedNetworks"] = "10.0.0.0/8,10.0.0.300/32",
                ["Verilock:Webhooks:BatchSize"] = "0",
            })));
        Assert.Contains("Verilock:Webhooks:AllowedNetworks: '10.0.0.300/32' is not a network", failure.Message);
        Assert.Contains("Verilock:Webhooks:BatchSize must be between 1 and 1000.", failure.Message);
        Assert.False(Directory.Exists(dataDir));
    }

    [Fact]
    public void Live_registration_takes_https_addresses_inside_the_allowed_networks_only()
    {
        var options = new WebhookOptions { AllowedNetworks = "10.0.0.0/8, fd00:1::/64" };
        Assert.Null(WebhookTargets.Problem("https://10.1.2.3/hook", liveMode: true, options));
        Assert.Null(WebhookTargets.Problem("https://[fd00:1::5]/hook", liveMode: true, options));
        Assert.Null(WebhookTargets.Problem("https://hooks.internal.example/hook", liveMode: true, options));
        Assert.Equal("The url must be an absolute https URL.", WebhookTargets.Problem("http://10.1.2.3/hook", liveMode: true, options));
        foreach (var refused in new[] { "https://192.168.1.5/hook", "https://127.0.0.1/hook", "https://localhost/hook", "https://169.254.169.254/latest" })
            Assert.Equal("The url must not point to a loopback, private or link-local address.", WebhookTargets.Problem(refused, liveMode: true, options));
        // As before, without the setting.
        Assert.Equal("The url must not point to a loopback, private or link-local address.",
            WebhookTargets.Problem("https://10.1.2.3/hook", liveMode: true, new WebhookOptions()));
    }

    [Fact]
    public async Task A_resolved_address_inside_an_allowed_network_is_reached_and_one_outside_is_refused_before_connecting()
    {
        using var inside = new RawHttpPeer(IPAddress.Loopback);
        using var outside = new RawHttpPeer(Other);
        var sender = Sender(new WebhookOptions { AllowedNetworks = "127.0.0.1/32" });

        // localhost is resolved at connection time; its 127.0.0.1 is inside, its ::1 (if any) is not and is skipped.
        var reached = await sender.SendAsync(Delivery($"http://localhost:{inside.Port}/hook"), Secret, CancellationToken.None);
        Assert.Equal(new WebhookSender.Outcome(200, null), reached);
        Assert.Contains($"User-Agent: Verilock-Webhooks/{VerilockVersion.Current}", Assert.Single(inside.Heads));

        var refused = await sender.SendAsync(Delivery($"http://127.0.0.2:{outside.Port}/hook"), Secret, CancellationToken.None);
        Assert.Equal(new WebhookSender.Outcome(null, "connection_error"), refused);
        Assert.Equal(0, outside.Connections);

        // Without the setting, the inside address is refused too, as it always was.
        var strict = await Sender(new WebhookOptions()).SendAsync(Delivery($"http://localhost:{inside.Port}/hook"), Secret, CancellationToken.None);
        Assert.Equal(new WebhookSender.Outcome(null, "connection_error"), strict);
        Assert.Single(inside.Heads);
    }

    [Fact]
    public async Task A_configured_proxy_carries_deliveries_and_a_target_outside_the_allowed_networks_never_reaches_it()
    {
        using var proxy = new RawHttpPeer(IPAddress.Loopback);
        var sender = Sender(new WebhookOptions { Proxy = $"http://127.0.0.1:{proxy.Port}", AllowedNetworks = "10.20.0.0/16" });

        Assert.Equal(new WebhookSender.Outcome(200, null),
            await sender.SendAsync(Delivery("http://93.184.216.34/hook"), Secret, CancellationToken.None));
        Assert.StartsWith("POST http://93.184.216.34/hook HTTP/1.1", Assert.Single(proxy.Heads));

        Assert.Equal(new WebhookSender.Outcome(200, null),
            await sender.SendAsync(Delivery("http://10.20.3.4/hook"), Secret, CancellationToken.None));
        Assert.StartsWith("POST http://10.20.3.4/hook HTTP/1.1", proxy.Heads[1]);

        var connections = proxy.Connections;
        foreach (var refused in new[] { "http://10.99.0.1/hook", "http://127.0.0.1:9/hook", "http://169.254.169.254/latest" })
            Assert.Equal(new WebhookSender.Outcome(null, "connection_error"), await sender.SendAsync(Delivery(refused), Secret, CancellationToken.None));
        Assert.Equal(connections, proxy.Connections);

        // https is still required in live mode, proxy or not.
        Assert.Equal(new WebhookSender.Outcome(null, "connection_error"),
            await sender.SendAsync(Delivery("http://10.20.3.4/hook", live: true), Secret, CancellationToken.None));
        Assert.Equal(connections, proxy.Connections);
    }

    private sealed class OneClient(HttpMessageHandler handler) : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
    }
}

/// <summary>The same rules end to end: a session's <c>webhook_url</c> on an allowed private network gets its events, one outside gets nothing.</summary>
public sealed class AllowedNetworksDeliveryTests(SqliteAllowedNetworksWebhookFixture api) : WebhookTestsBase(api), IClassFixture<SqliteAllowedNetworksWebhookFixture>
{
    [Fact]
    public async Task A_session_webhook_url_inside_the_allowed_networks_is_delivered_and_one_outside_fails_without_a_connection()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var outside = new RawHttpPeer(IPAddress.Parse("127.0.0.2"));
        var caller = await Api.NewCallerAsync();
        await caller.Client.PostJsonAsync("/api/v1/webhooks/default-secret/rotate", "");

        var allowed = await CreateAsync(caller.Client, $$"""{"steps":["document"],"webhook_url":"{{receiver.Url("/session").Replace("127.0.0.1", "localhost")}}"}""");
        var refused = await CreateAsync(caller.Client, $$"""{"steps":["document"],"webhook_url":"http://127.0.0.2:{{outside.Port}}/session"}""");

        Assert.Equal("session.created", (await receiver.WaitForCountAsync("/session", 1))[0].Event);
        await WaitForDeliveryAsync(caller.Client, $"session_id={allowed}", d => (string?)d["status"] == "succeeded", "the allowed delivery");
        var failed = await WaitForDeliveryAsync(caller.Client, $"session_id={refused}", d => (string?)d["last_error"] == "connection_error", "the refused attempt");
        Assert.Equal("pending", (string?)failed["status"]); // retried later, as any connection error
        Assert.Equal(0, outside.Connections);
    }
}
