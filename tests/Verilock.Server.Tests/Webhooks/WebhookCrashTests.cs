using System.Net;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Webhooks;

/// <summary>
/// Durability and multi-instance delivery, run as real server processes (the built <c>Verilock.Server.dll</c>)
/// delivering to a receiver on 127.0.0.1.
/// </summary>
public sealed class WebhookCrashTests
{
    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Killing_the_server_with_SIGKILL_mid_delivery_loses_no_event(string provider)
    {
        await using var database = await TestServerProcess.DatabaseAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        // Slow answers and few attempts at once keep a backlog in flight when the server is killed.
        receiver.AnswerDelay = TimeSpan.FromMilliseconds(20);
        var environment = WebhookEnvironment(database, ("VERILOCK__WEBHOOKS__MAXCONCURRENCY", "4"));
        var key = await TestServerProcess.CreateKeyAsync(database, environment, "test");

        var (server, client) = await TestServerProcess.StartAsync(database, environment, key);
        var sessionIds = new List<string>();
        try
        {
            await (await client.PostJsonAsync("/api/v1/webhooks/endpoints", $$"""{"url":"{{receiver.Url()}}","events":["session.created"]}""")).ExpectAsync(HttpStatusCode.Created);
            await Parallel.ForEachAsync(Enumerable.Range(0, 200), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) =>
            {
                var body = await (await client.PostJsonAsync("/api/v1/sessions", """{"steps":["document"]}""")).ExpectAsync(HttpStatusCode.Created);
                lock (sessionIds)
                    sessionIds.Add((string)body["id"]!);
            });
            await receiver.WaitForCountAsync("/hook", 25);
        }
        finally
        {
            server.Kill();
            client.Dispose();
        }
        var beforeKill = DeliveredSessions(receiver).Count;
        Assert.True(beforeKill < sessionIds.Count, $"All {beforeKill} events were delivered before the kill; the test proves nothing.");

        var (restarted, restartedClient) = await TestServerProcess.StartAsync(database, environment, key);
        restartedClient.Dispose();
        try
        {
            await receiver.WaitForAsync(_ => DeliveredSessions(receiver).IsSupersetOf(sessionIds), $"all {sessionIds.Count} events after the restart", seconds: 90);
        }
        finally
        {
            restarted.Kill();
        }
        Assert.All(receiver.At("/hook"), r => Assert.Equal("session.created", r.Event));
    }

    [Fact]
    public async Task Two_instances_sharing_PostgreSQL_never_send_the_same_attempt_twice()
    {
        await using var database = await TestServerProcess.DatabaseAsync("postgres");
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.AnswerDelay = TimeSpan.FromMilliseconds(5);
        // The default lease (30 s): a loaded machine must not turn slow outcomes into legitimate re-attempts here.
        var environment = WebhookEnvironment(database, ("VERILOCK__WEBHOOKS__POLLINTERVAL", "00:00:00.050"),
            ("VERILOCK__WEBHOOKS__REQUESTTIMEOUT", "00:00:10"), ("VERILOCK__WEBHOOKS__CLAIMLEASE", "00:00:30"));
        var key = await TestServerProcess.CreateKeyAsync(database, environment, "test");
        var (first, one) = await TestServerProcess.StartAsync(database, environment, key);
        TestServerProcess? second = null;
        HttpClient? two = null;
        try
        {
            (second, two) = await TestServerProcess.StartAsync(database, environment, key);
            await (await one.PostJsonAsync("/api/v1/webhooks/endpoints", $$"""{"url":"{{receiver.Url()}}","events":["*"]}""")).ExpectAsync(HttpStatusCode.Created);
            await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
                await (await (i % 2 == 0 ? one : two!).PostJsonAsync("/api/v1/sessions", """{"steps":["document"]}""")).ExpectAsync(HttpStatusCode.Created));
            await receiver.WaitForCountAsync("/hook", 300, seconds: 60);
            await Task.Delay(1000);
        }
        finally
        {
            first.Kill();
            second?.Kill();
            one.Dispose();
            two?.Dispose();
        }
        var received = receiver.At("/hook");
        // One delivery per event (fan-out split without duplicates), and no attempt sent twice.
        Assert.Equal(300, received.Select(r => r.WebhookId).Distinct().Count());
        Assert.Equal(300, received.Select(r => (string)r.Json["data"]!["session_id"]!).Distinct().Count());
        Assert.Equal(received.Count, received.Select(r => (r.WebhookId, r.Attempt)).Distinct().Count());
        Assert.Equal(300, received.Count);
    }

    private static Dictionary<string, string> WebhookEnvironment(TestDatabase database, params (string Key, string Value)[] extra) =>
        TestServerProcess.Environment(database, [
            ("VERILOCK__WEBHOOKS__ALLOWINSECURETARGETS", "true"),
            ("VERILOCK__WEBHOOKS__REQUESTTIMEOUT", "00:00:02"),
            ("VERILOCK__WEBHOOKS__CLAIMLEASE", "00:00:03"),
            .. extra]);

    private static HashSet<string> DeliveredSessions(WebhookReceiver receiver) =>
        receiver.At("/hook").Select(r => (string)r.Json["data"]!["session_id"]!).ToHashSet();
}
