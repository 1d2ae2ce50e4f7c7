using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Verilock.Server.Tests.Support;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Tests.Cli;

/// <summary>
/// <c>./verilock webhooks trigger</c> run as a real process against a real HTTP receiver: every event of spec §12.5
/// arrives with the spec's envelope and data fields, and signatures a receiver following §12.3 accepts.
/// </summary>
public sealed class WebhookTriggerTests : IDisposable
{
    private const string Secret = "whsec_trigger-test-secret-0123456789abcdefghijklmnop";
    private const string S = "session_id status decision risk_score risk_level reference_id external_id livemode";
    private const string A = "screening_id session_id reference_id status risk_level highest_score matches_found is_monitoring_run livemode";

    /// <summary>spec §12.5's <c>data</c> fields, event by event.</summary>
    private static readonly Dictionary<string, string> SpecFields = new()
    {
        ["session.created"] = S + " steps expires_at created_at",
        ["session.processing"] = S + " submitted_at",
        ["session.review_required"] = S + " review_reasons",
        ["session.completed"] = S + " completed_at decided_by",
        ["session.approved"] = S + " completed_at decided_by",
        ["session.declined"] = S + " completed_at decided_by",
        ["session.expired"] = S + " expires_at",
        ["liveness.failed"] = S + " liveness_score liveness_mode",
        ["aml.completed"] = A,
        ["aml.match_found"] = A + " matches",
        ["aml.monitoring.match"] = A + " screened_name parent_screening_id matches",
        ["biometric.completed"] = "biometric_id session_id result similarity liveness_score liveness_passed threshold_used error livemode",
        ["face.duplicate_found"] = "face_search_id session_id highest_similarity threshold_used matched_session_ids livemode",
        ["rule.triggered"] = "rule_id name session_id action livemode",
        ["transaction.flagged"] = "transaction_id reference_id risk_score risk_level recommendation flags livemode",
        ["transaction.blocked"] = "transaction_id reference_id risk_score risk_level recommendation flags livemode",
        ["webhook_endpoint.disabled"] = "endpoint_id url failing_since disabled_at",
    };

    private sealed record Received(string Body, Dictionary<string, string> Headers);

    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<Received> _received = new();
    private readonly string _url;
    private HttpStatusCode _answer = HttpStatusCode.OK;

    public WebhookTriggerTests()
    {
        var port = FreePort();
        _url = $"http://127.0.0.1:{port}/hooks/";
        _listener.Prefixes.Add(_url);
        _listener.Start();
        _ = Task.Run(ReceiveAsync);
    }

    private async Task ReceiveAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var headers = context.Request.Headers.AllKeys.ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            _received.Enqueue(new Received(await reader.ReadToEndAsync(), headers));
            context.Response.StatusCode = (int)_answer;
            context.Response.Close();
        }
    }

    public void Dispose() => _listener.Close();

    private static async Task<(int Exit, string[] Lines, string Error)> TriggerAsync(params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("verilock-trigger-").FullName;
        try
        {
            return await CliProcess.RunAsync(folder, null, new Dictionary<string, string>(), ["webhooks", "trigger", .. args]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Hmac(string secret, string text) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void The_spec_table_here_covers_every_event_the_server_sends()
    {
        Assert.Equal(WebhookEvents.Names.Order(), SpecFields.Keys.Order());
    }

    [Fact]
    public async Task Every_event_arrives_signed_as_the_spec_says_with_its_data_fields()
    {
        foreach (var (name, fields) in SpecFields)
        {
            var (exit, lines, error) = await TriggerAsync(name, "--url", _url, "--secret", Secret);
            Assert.True(exit == 0, $"{name}: {error}");
            Assert.Contains(lines, line => line.StartsWith($"Sent {name} ", StringComparison.Ordinal) && line.Contains(": 200 OK"));
            Assert.True(_received.TryDequeue(out var delivery), $"{name}: nothing arrived");

            var body = JsonNode.Parse(delivery.Body)!.AsObject();
            Assert.Equal(["event", "data", "timestamp", "webhook_id"], body.Select(p => p.Key));
            Assert.Equal(name, (string?)body["event"]);
            Assert.Matches("^wh_evt_[0-9a-f]{12}$", (string?)body["webhook_id"]);
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", (string?)body["timestamp"]);
            Assert.Equal(fields.Split(' ').Order(), body["data"]!.AsObject().Select(p => p.Key).Order());

            Assert.Equal(Hmac(Secret, delivery.Body), delivery.Headers[WebhookSigner.SignatureHeader]);
            var timestamp = long.Parse(delivery.Headers[WebhookSigner.TimestampHeader], CultureInfo.InvariantCulture);
            Assert.InRange(timestamp, DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 300, DateTimeOffset.UtcNow.ToUnixTimeSeconds() + 5);
            Assert.Equal($"t={timestamp},v1={Hmac(Secret, $"{timestamp}.{delivery.Body}")}", delivery.Headers[WebhookSigner.SignatureV2Header]);
            Assert.Equal(name, delivery.Headers[WebhookSigner.EventHeader]);
            Assert.Equal("1", delivery.Headers[WebhookSigner.AttemptHeader]);
            Assert.StartsWith("application/json", delivery.Headers["Content-Type"]);
        }
    }

    [Fact]
    public async Task Without_a_secret_it_signs_with_a_new_one_and_prints_it()
    {
        var (exit, lines, error) = await TriggerAsync("session.completed", "--url", _url);
        Assert.True(exit == 0, error);
        var secret = Assert.Single(lines, line => line.StartsWith("Signing with a new secret", StringComparison.Ordinal)).Split(": ")[1].Trim();
        Assert.Matches("^whsec_[A-Za-z0-9_-]{43}$", secret);
        Assert.True(_received.TryDequeue(out var delivery));
        Assert.Equal(Hmac(secret, delivery.Body), delivery.Headers[WebhookSigner.SignatureHeader]);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_2xx_fails_the_command()
    {
        _answer = HttpStatusCode.InternalServerError;
        var (exit, lines, error) = await TriggerAsync("aml.match_found", "--url", _url, "--secret", Secret);
        Assert.Equal(1, exit);
        Assert.Contains(lines, line => line.Contains(": 500 Internal Server Error"));
        Assert.Contains("did not answer 2xx", error);
    }

    [Fact]
    public async Task Bad_input_is_refused_with_a_clear_message_and_nothing_is_sent()
    {
        var unknown = await TriggerAsync("session.exploded", "--url", _url);
        Assert.Equal(2, unknown.Exit);
        Assert.Contains("Unknown event 'session.exploded'. Events: session.created,", unknown.Error);

        var badUrl = await TriggerAsync("session.created", "--url", "ftp://example.com/x");
        Assert.Equal(2, badUrl.Exit);
        Assert.Contains("--url must be an absolute http or https URL.", badUrl.Error);

        var badSecret = await TriggerAsync("session.created", "--url", _url, "--secret", "hunter2");
        Assert.Equal(2, badSecret.Exit);
        Assert.Contains("--secret must be an endpoint secret (whsec_…)", badSecret.Error);

        var closed = await TriggerAsync("session.created", "--url", $"http://127.0.0.1:{FreePort()}/");
        Assert.Equal(1, closed.Exit);
        Assert.Contains("Could not deliver to", closed.Error);
        Assert.Empty(_received);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
