using System.Net;
using Verilock.Checks.Samples;
using Verilock.Server.Tests.Support;
using static Verilock.Server.Tests.Support.Uploads;

namespace Verilock.Server.Tests.Checks;

/// <summary>
/// The check workers survive a crash: a server killed with SIGKILL while reading documents loses no session and
/// decides none twice once it (or another instance) runs again. Real server processes, real OCR.
/// </summary>
public sealed class CheckCrashTests
{
    private const int SessionCount = 8;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Killing_the_server_mid_check_loses_no_session_and_decides_each_once(string provider)
    {
        await using var database = await TestServerProcess.DatabaseAsync(provider);
        await using var receiver = await WebhookReceiver.StartAsync();
        // One worker and a short lease: the killed worker's job is taken over seconds after the restart.
        var environment = TestServerProcess.Environment(database,
            ("VERILOCK__CHECKS__WORKERS", "1"), ("VERILOCK__CHECKS__LEASE", "00:00:03"),
            ("VERILOCK__WEBHOOKS__ALLOWINSECURETARGETS", "true"), ("VERILOCK__WEBHOOKS__POLLINTERVAL", "00:00:00.200"));
        var key = await TestServerProcess.CreateKeyAsync(database, environment, "live");
        var photos = SampleDocuments.All.Select(d => (d, DocumentPhotographer.Photograph(d, PhotoCondition.Skewed))).ToList();

        var (server, client) = await TestServerProcess.StartAsync(database, environment, key);
        var sessionIds = new List<string>();
        try
        {
            await (await client.PostJsonAsync("/api/v1/webhooks/endpoints", $$"""{"url":"{{receiver.Url()}}","events":["session.completed"]}"""))
                .ExpectAsync(HttpStatusCode.Created);
            for (var i = 0; i < SessionCount; i++)
            {
                var (document, photo) = photos[i % photos.Count];
                var body = await (await client.PostJsonAsync("/api/v1/sessions",
                    $$$"""{"steps":["document"],"applicant":{"first_name":"{{{document.GivenNames}}}","last_name":"{{{document.Surname}}}"}}"""))
                    .ExpectAsync(HttpStatusCode.Created);
                var id = (string)body["id"]!;
                await (await client.PostDocumentAsync(id, File("front", photo), Field("type", "passport"))).ExpectAsync(HttpStatusCode.OK);
                await (await client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
                sessionIds.Add(id);
            }
            await receiver.WaitForCountAsync("/hook", 1, seconds: 60);
        }
        finally
        {
            server.Kill();
            client.Dispose();
        }
        var beforeKill = DecidedSessions(receiver).Count;
        Assert.True(beforeKill < SessionCount, $"All {beforeKill} sessions were decided before the kill; the test proves nothing.");

        var (restarted, restartedClient) = await TestServerProcess.StartAsync(database, environment, key);
        try
        {
            await receiver.WaitForAsync(_ => DecidedSessions(receiver).IsSupersetOf(sessionIds), $"all {SessionCount} sessions decided after the restart", seconds: 120);
            await Task.Delay(TimeSpan.FromSeconds(4)); // past one more lease: a second decision would show up now
            foreach (var id in sessionIds)
            {
                var session = await (await restartedClient.GetAsync($"/api/v1/sessions/{id}")).ExpectAsync(HttpStatusCode.OK);
                Assert.Equal("approved", (string?)session["status"]);
            }
        }
        finally
        {
            restarted.Kill();
            restartedClient.Dispose();
        }
        // Exactly one session.completed event per session (a redelivery would repeat its webhook_id, not add one).
        var completions = receiver.At("/hook").GroupBy(r => (string)r.Json["data"]!["session_id"]!)
            .ToDictionary(g => g.Key, g => g.Select(r => r.WebhookId).Distinct().Count());
        Assert.Equal(sessionIds.Order(), completions.Keys.Order());
        Assert.All(completions.Values, count => Assert.Equal(1, count));
    }

    private static HashSet<string> DecidedSessions(WebhookReceiver receiver) =>
        receiver.At("/hook").Select(r => (string)r.Json["data"]!["session_id"]!).ToHashSet();
}
