using System.Net;
using Verilock.Client.Tests.Support;

namespace Verilock.Client.Tests;

/// <summary><c>client.Biometrics</c> against the real server (test mode): re-authentication, its wait, face search and an error.</summary>
public sealed class BiometricTests(ServerFixture server)
{
    private async Task<string> ApprovedSelfieSessionAsync(VerilockClient client, string lastName)
    {
        var session = await client.Sessions.CreateAsync(new SessionCreateOptions
        {
            Steps = [VerificationSteps.Selfie],
            Applicant = new ApplicantOptions { FirstName = "Jean", LastName = lastName },
        });
        await client.Sessions.UploadSelfieAsync(session.Id, UploadFile.FromBytes(TestFiles.Jpeg(seed: 7), "me.jpg"));
        await client.Sessions.SubmitAsync(session.Id);
        await server.RunChecksAsync();
        Assert.Equal(SessionStatuses.Approved, (await client.Sessions.GetAsync(session.Id)).Status);
        return session.Id;
    }

    [Fact]
    public async Task Re_authenticate_wait_for_the_result_and_search_the_face()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var earlier = await ApprovedSelfieSessionAsync(client, "Dupont");
        var id = await ApprovedSelfieSessionAsync(client, "Duplicate");

        var started = await client.Biometrics.CreateAsync(new BiometricCheckOptions
        {
            SessionId = id,
            Photo = UploadFile.FromBytes(TestFiles.Jpeg(seed: 8), "returning.jpg"),
            Threshold = 85,
            DeviceInfoJson = """{"platform":"android"}""",
        });
        Assert.Equal(HttpStatusCode.Accepted, started.Response!.StatusCode);
        Assert.StartsWith("bio_", started.Id);
        Assert.Equal("processing", started.Status);
        await server.RunChecksAsync();
        var done = await client.Biometrics.WaitAsync(started.Id, TimeSpan.FromMilliseconds(20));
        Assert.True(done.IsCompleted);
        Assert.Equal("match", done.Result);
        Assert.Equal(96.5, done.Similarity);
        Assert.True(done.LivenessPassed);
        Assert.Equal(85, done.ThresholdUsed);
        Assert.Equal(id, done.SessionId);
        Assert.NotNull(done.CompletedAt);

        var search = await client.Biometrics.SearchAsync(new FaceSearchOptions { SessionId = id });
        Assert.Equal(HttpStatusCode.Created, search.Response!.StatusCode);
        Assert.True(search.DuplicateFound);
        Assert.Equal(90, search.ThresholdUsed);
        var match = Assert.Single(search.Matches);
        Assert.Equal(earlier, match.SessionId);
        Assert.Equal("session-" + earlier, match.ExternalImageId);
        Assert.Equal(97.5, match.Similarity);
        Assert.Equal(search.Id, (await client.Biometrics.GetSearchAsync(search.Id)).Id);
    }

    [Fact]
    public async Task A_refused_request_is_a_VerilockApiException_naming_the_field()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var error = await Assert.ThrowsAsync<VerilockApiException>(() => client.Biometrics.CreateAsync(new BiometricCheckOptions
        {
            SessionId = "ses_00000000-0000-0000-0000-000000000000",
            Photo = UploadFile.FromBytes(TestFiles.Jpeg(seed: 9), "x.jpg"),
        }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal("validation_error", error.Error);
        Assert.Equal("No such session.", error.Details!.Value.GetProperty("session_id")[0].GetString());
    }
}
