using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Faults;

/// <summary>
/// The fault campaign's crash (issue 16, item 9): a real server process is killed with SIGKILL while sessions
/// are being uploaded to, submitted, decided and redacted at once. After a restart every session is whole:
/// what was acknowledged is there (uploads byte for byte, submissions decided, redactions applied), what
/// was in flight is either all there or not at all (a listed document always has its bytes), and every
/// session can still be finished — none is stuck.
/// </summary>
public sealed class KillMidWriteTests
{
    private const int SessionsPerKind = 8;

    private enum Kind { Submit, Redact, Decide }

    /// <summary>One session's script and which of its steps were answered with success before the kill.</summary>
    private sealed class Script(Kind kind, string id, int seed)
    {
        public Kind Kind { get; } = kind;
        public string Id { get; } = id;
        public byte[] Front { get; } = Jpeg(seed * 2, 64 * 1024);
        public byte[] Selfie { get; } = Jpeg(seed * 2 + 1, 48 * 1024);
        public ConcurrentDictionary<string, bool> Acknowledged { get; } = new();
        public string[] Steps => Kind switch
        {
            Kind.Redact => ["document", "selfie", "redact"],
            Kind.Decide => ["document", "selfie", "submit", "decision"],
            _ => ["document", "selfie", "submit"],
        };
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Killing_the_server_mid_write_leaves_every_session_whole_and_able_to_finish(string provider)
    {
        await using var database = await TestServerProcess.DatabaseAsync(provider);
        var environment = TestServerProcess.Environment(database,
            ("VERILOCK__CHECKS__WORKERS", "2"), ("VERILOCK__CHECKS__LEASE", "00:00:03"));
        var key = await TestServerProcess.CreateKeyAsync(database, environment, "test");

        var (server, client) = await TestServerProcess.StartAsync(database, environment, key);
        var scripts = new List<Script>();
        var acknowledged = 0;
        var halfway = new TaskCompletionSource();
        try
        {
            var seed = 0;
            foreach (var kind in Enum.GetValues<Kind>())
                for (var i = 0; i < SessionsPerKind; i++)
                {
                    // The sandbox decides by last name: REVIEW leaves the face match pending for an operator.
                    var body = kind == Kind.Decide
                        ? """{"steps":["document","selfie","face_match"],"applicant":{"first_name":"Ada","last_name":"REVIEW"}}"""
                        : """{"steps":["document","selfie"],"applicant":{"first_name":"Ada","last_name":"Lovelace"}}""";
                    var created = await (await client.PostJsonAsync("/api/v1/sessions", body)).ExpectAsync(HttpStatusCode.Created);
                    scripts.Add(new Script(kind, (string)created["id"]!, ++seed));
                }
            var totalSteps = scripts.Sum(s => s.Steps.Length);

            var running = scripts.Select(script => Task.Run(async () =>
            {
                foreach (var step in script.Steps)
                {
                    try
                    {
                        if (!await RunStepAsync(client, script, step, acceptAlreadyDone: false))
                            return;
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        return; // the server died under this request
                    }
                    script.Acknowledged[step] = true;
                    if (Interlocked.Increment(ref acknowledged) >= totalSteps / 2)
                        halfway.TrySetResult();
                }
            })).ToList();
            await halfway.Task.WaitAsync(TimeSpan.FromMinutes(2));
            server.Kill();
            await Task.WhenAll(running);
        }
        finally
        {
            server.Kill();
            client.Dispose();
        }
        Assert.True(acknowledged < scripts.Sum(s => s.Steps.Length), "Every step finished before the kill; the test proves nothing.");

        var (restarted, again) = await TestServerProcess.StartAsync(database, environment, key);
        try
        {
            // What was acknowledged survived, and nothing is half-written.
            foreach (var script in scripts)
                await AssertWholeAsync(again, script);

            // Every session can be finished from where it stopped; a step that committed unacknowledged answers "already done".
            foreach (var script in scripts)
                foreach (var step in script.Steps.Where(step => !script.Acknowledged.ContainsKey(step)))
                    Assert.True(await RunStepAsync(again, script, step, acceptAlreadyDone: true), $"{script.Id}: {step} failed after the restart");

            foreach (var script in scripts)
            {
                var session = await (await again.GetAsync($"/api/v1/sessions/{script.Id}")).ExpectAsync(HttpStatusCode.OK);
                if (script.Kind == Kind.Redact)
                {
                    Assert.NotNull((string?)session["redacted_at"]);
                    Assert.Null(session["applicant"]?["first_name"]?.GetValue<string>());
                }
                else
                {
                    Assert.Equal("approved", (string?)(await WaitForDecisionAsync(again, script.Id))["status"]);
                }
            }
        }
        finally
        {
            restarted.Kill();
            again.Dispose();
        }
    }

    /// <summary>Runs one step; false when it was refused. After a restart a refusal that means "this already happened" is success.</summary>
    private static async Task<bool> RunStepAsync(HttpClient client, Script script, string step, bool acceptAlreadyDone)
    {
        HttpResponseMessage response;
        switch (step)
        {
            case "document":
                response = await client.PostDocumentAsync(script.Id, File("front", script.Front, "front.jpg"), Field("type", "passport"));
                return response.StatusCode == HttpStatusCode.OK;
            case "selfie":
                response = await client.PostSelfieAsync(script.Id, script.Selfie);
                return response.StatusCode == HttpStatusCode.OK;
            case "submit":
                response = await client.SubmitAsync(script.Id);
                return response.StatusCode == HttpStatusCode.Accepted || (acceptAlreadyDone && response.StatusCode == HttpStatusCode.Conflict);
            case "redact":
                response = await client.DeleteAsync($"/api/v1/sessions/{script.Id}");
                return response.StatusCode == HttpStatusCode.NoContent;
            case "decision":
                // The operator decides once the checks have put the session in review.
                var session = await WaitForDecisionAsync(client, script.Id, untilReview: true);
                if ((string?)session["status"] == "approved")
                    return acceptAlreadyDone;
                response = await client.PostJsonAsync($"/api/v1/sessions/{script.Id}/decision", """{"decision":"approved","reason":"checked by hand"}""");
                return response.StatusCode == HttpStatusCode.OK;
            default:
                throw new ArgumentOutOfRangeException(nameof(step));
        }
    }

    private static async Task AssertWholeAsync(HttpClient client, Script script)
    {
        var session = await (await client.GetAsync($"/api/v1/sessions/{script.Id}")).ExpectAsync(HttpStatusCode.OK);
        var redacted = session["redacted_at"] is not null;
        Assert.True(!script.Acknowledged.ContainsKey("redact") || redacted, $"{script.Id}: acknowledged redaction lost");
        if (redacted)
        {
            Assert.Empty(session["documents"]!.AsArray());
            Assert.Null(session["selfie"]);
            return;
        }
        // Not redacted means whole: redaction shreds the images' keys in the tombstone's own transaction, so a kill
        // before that commit leaves every listed image readable.
        var documents = session["documents"]!.AsArray();
        Assert.True(!script.Acknowledged.ContainsKey("document") || documents.Count == 1, $"{script.Id}: acknowledged document lost");
        foreach (var document in documents)
        {
            var media = await client.GetAsync($"/api/v1/sessions/{script.Id}/documents/{(string)document!["id"]!}/front");
            Assert.True(media.StatusCode == HttpStatusCode.OK, $"{script.Id}: document listed but its bytes answer {(int)media.StatusCode} ({string.Join(",", script.Acknowledged.Keys)}): {session.ToJsonString()}");
            Assert.Equal(script.Front, await media.Content.ReadAsByteArrayAsync());
        }
        Assert.True(!script.Acknowledged.ContainsKey("selfie") || session["selfie"] is JsonObject, $"{script.Id}: acknowledged selfie lost");
        if (session["selfie"] is JsonObject)
        {
            var selfie = await client.GetAsync($"/api/v1/sessions/{script.Id}/selfie");
            Assert.True(selfie.StatusCode == HttpStatusCode.OK, $"{script.Id}: selfie listed but its bytes answer {(int)selfie.StatusCode} ({string.Join(",", script.Acknowledged.Keys)}): {session.ToJsonString()}");
            Assert.Equal(script.Selfie, await selfie.Content.ReadAsByteArrayAsync());
        }
        if (script.Acknowledged.ContainsKey("submit"))
            Assert.NotEqual("created", (string?)session["status"]);
    }

    /// <summary>Polls until the session is decided (or, with <paramref name="untilReview"/>, waits on an operator).</summary>
    private static async Task<JsonNode> WaitForDecisionAsync(HttpClient client, string id, bool untilReview = false)
    {
        for (var attempt = 0; ; attempt++)
        {
            var session = await (await client.GetAsync($"/api/v1/sessions/{id}")).ExpectAsync(HttpStatusCode.OK);
            var status = (string?)session["status"];
            if (status is "approved" or "declined" || (untilReview && (string?)session["decision"] == "review"))
                return session;
            Assert.True(attempt < 300, $"{id} is stuck in {status}");
            await Task.Delay(200);
        }
    }
}
