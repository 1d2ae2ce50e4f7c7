using System.Net;
using System.Text;
using Verilock.Server.Hosting;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Operations;

/// <summary>
/// A real server process configured only by the standard OpenTelemetry variables exports its traces and metrics
/// over OTLP (HTTP/protobuf) to a collector — here a recording HTTP server — and the hosted flow's token never leaves.
/// </summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task With_the_otlp_endpoint_set_traces_and_metrics_are_exported_without_the_flow_token()
    {
        await using var collector = await WebhookReceiver.StartAsync();
        await using var database = await TestServerProcess.DatabaseAsync("sqlite");
        var environment = TestServerProcess.Environment(database,
            (Telemetry.EndpointSetting, collector.BaseUrl),
            ("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"),
            ("OTEL_BSP_SCHEDULE_DELAY", "200"),
            ("OTEL_METRIC_EXPORT_INTERVAL", "500"));
        var key = await TestServerProcess.CreateKeyAsync(database, environment, "test");
        var (server, client) = await TestServerProcess.StartAsync(database, environment, key);
        try
        {
            const string token = "vft_SecretTokenThatMustNotLeave0123456789";
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/verify/{token}/api/session")).StatusCode);
            await (await client.PostJsonAsync("/api/v1/sessions", """{"steps":["document"]}""")).ExpectAsync(HttpStatusCode.Created);

            var traces = await collector.WaitForAsync(
                received => Text(received, "/v1/traces").Contains("/verify/{token}/api/session", StringComparison.Ordinal)
                    && Text(received, "/v1/traces").Contains("/api/v1/sessions", StringComparison.Ordinal),
                "the flow request's and the API request's spans", seconds: 120);
            var metrics = await collector.WaitForAsync(
                received => Text(received, "/v1/metrics").Contains("check.queue_depth", StringComparison.Ordinal),
                "the server's own metrics", seconds: 120);

            Assert.All(traces.Concat(metrics), request => Assert.Equal("application/x-protobuf", request.Header("Content-Type")));
            // Logs go the same way (UseOtlpExporter sends all three signals): none may carry the token either.
            var exported = string.Concat(new[] { "/v1/traces", "/v1/metrics", "/v1/logs" }.Select(path => Text(collector.Received, path)));
            Assert.Contains("verilock", exported); // the service name
            Assert.DoesNotContain(token, exported);
            Assert.DoesNotContain(key, exported);
        }
        finally
        {
            server.Kill();
        }
    }

    [Theory]
    [InlineData("/verify/vft_abc", "/verify/{token}")]
    [InlineData("/verify/vft_abc/api/documents", "/verify/{token}/api/documents")]
    [InlineData("/api/v1/sessions/ses_1", null)]
    [InlineData("/verify/", null)]
    public void The_flow_token_is_replaced_by_the_routes_placeholder(string path, string? expected) =>
        Assert.Equal(expected, Telemetry.WithoutFlowToken(path));

    /// <summary>Protobuf writes strings as UTF-8 bytes, so what was exported can be searched as text.</summary>
    private static string Text(IReadOnlyList<WebhookReceiver.Request> received, string path) =>
        string.Concat(received.Where(r => r.Path == path).Select(r => Encoding.UTF8.GetString(r.Body)));
}
