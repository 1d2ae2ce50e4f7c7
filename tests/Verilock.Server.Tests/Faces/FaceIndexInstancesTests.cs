using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Verilock.Checks.Samples;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Faces;

/// <summary>
/// Two real server processes on one PostgreSQL database, as behind a load balancer (issue 18 item 3): a face enrolled
/// through one instance is found by a search on the other within seconds, and a redaction through the first takes it
/// out of the second's index as quickly. Each instance keeps its own in-memory index; only the database is shared.
/// </summary>
public sealed class FaceIndexInstancesTests
{
    private const string Sessions = "/api/v1/sessions", FaceSearch = "/api/v1/face-search";

    /// <summary>Far above <see cref="Verilock.Server.Faces.FaceIndexSync.PollInterval"/> (2 s): the bound a loaded machine needs, not the expected time.</summary>
    private static readonly TimeSpan Propagation = TimeSpan.FromSeconds(30);

    /// <summary>How long a live selfie check may take on a loaded machine.</summary>
    private static readonly TimeSpan CheckDeadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_face_enrolled_or_redacted_on_one_instance_reaches_the_other_instances_index()
    {
        await using var database = await TestServerProcess.DatabaseAsync("postgres");
        var environment = TestServerProcess.Environment(database);
        var key = await TestServerProcess.CreateKeyAsync(database, environment, "live");
        var (first, one) = await TestServerProcess.StartAsync(database, environment, key);
        try
        {
            var (second, two) = await TestServerProcess.StartAsync(database, environment, key);
            try
            {
                var enrolled = await ApprovedSelfieSessionAsync(one, KnownFaces.Holder.Selfie());
                var again = await ApprovedSelfieSessionAsync(one, FaceAugmentations.CropAround(FacePhotos.Read(KnownFaces.Holder.Photo),
                    KnownFaces.Holder.X, KnownFaces.Holder.Y, KnownFaces.Holder.Width, KnownFaces.Holder.Height, margin: 0.5f));

                // Instance two approved nothing and was started before either face was enrolled: only its sync can know them.
                var found = await SearchUntilAsync(two, again, r => (bool)r["duplicate_found"]!);
                Assert.Equal(enrolled, (string?)Assert.Single(found["matches"]!.AsArray())!["session_id"]);

                Assert.Equal(HttpStatusCode.NoContent, (await one.DeleteAsync($"{Sessions}/{enrolled}")).StatusCode);
                var after = await SearchUntilAsync(two, again, r => !(bool)r["duplicate_found"]!);
                Assert.Empty(after["matches"]!.AsArray());
            }
            finally
            {
                second.Kill();
                two.Dispose();
            }
        }
        finally
        {
            first.Kill();
            one.Dispose();
        }
    }

    private static async Task<string> ApprovedSelfieSessionAsync(HttpClient client, byte[] selfie)
    {
        var created = await (await client.PostJsonAsync(Sessions, """{"steps":["selfie"],"applicant":{"first_name":"Anna","last_name":"Eriksson"}}"""))
            .ExpectAsync(HttpStatusCode.Created);
        var id = (string)created["id"]!;
        await (await client.PostSelfieAsync(id, selfie)).ExpectAsync(HttpStatusCode.OK);
        await (await client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = (string?)(await (await client.GetAsync($"{Sessions}/{id}")).ExpectAsync(HttpStatusCode.OK))["status"];
            if (status == "approved")
                return id;
            Assert.True(status is not ("declined" or "review") && clock.Elapsed < CheckDeadline, $"session {id} is {status} after {clock.Elapsed}");
            await Task.Delay(200);
        }
    }

    private static async Task<JsonNode> SearchUntilAsync(HttpClient client, string sessionId, Func<JsonNode, bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var result = await (await client.PostJsonAsync(FaceSearch, $$"""{"session_id":"{{sessionId}}"}""")).ExpectAsync(HttpStatusCode.Created);
            if (done(result))
                return result;
            Assert.True(clock.Elapsed < Propagation, $"the other instance's index did not follow within {Propagation}: {result.ToJsonString()}");
            await Task.Delay(500);
        }
    }
}
