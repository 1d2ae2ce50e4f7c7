using System.Net;
using System.Text.Json.Nodes;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Webhooks;

/// <summary>Calls shared by the webhook test classes.</summary>
public abstract class WebhookTestsBase(ApiFixture api) : ApiTests(api)
{
    protected const string Endpoints = "/api/v1/webhooks/endpoints";
    protected const string Deliveries = "/api/v1/webhooks/deliveries";

    protected static async Task<(string Id, string Secret)> CreateEndpointAsync(HttpClient client, string url, string events = """["*"]""")
    {
        var body = await (await client.PostJsonAsync(Endpoints, $$"""{"url":"{{url}}","events":{{events}}}""")).ExpectAsync(HttpStatusCode.Created);
        return ((string)body["id"]!, (string)body["secret"]!);
    }

    protected static async Task<JsonNode> DeliveriesAsync(HttpClient client, string query = "") =>
        await (await client.GetAsync($"{Deliveries}?{query}")).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Polls the delivery log (real time) until its first item for <paramref name="query"/> satisfies <paramref name="condition"/>.</summary>
    protected static async Task<JsonNode> WaitForDeliveryAsync(HttpClient client, string query, Func<JsonNode, bool> condition, string what, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var list = await DeliveriesAsync(client, query);
            var first = list["data"]!.AsArray().FirstOrDefault();
            if (first is not null && condition(first))
                return first;
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException($"Timed out waiting for {what}; last: {first?.ToJsonString() ?? "none"}");
            await Task.Delay(20);
        }
    }

    protected static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
