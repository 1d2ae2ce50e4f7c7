using System.Net;
using Verilock.Client.Tests.Support;

namespace Verilock.Client.Tests;

/// <summary><c>client.Profiles</c> against the real server: every call, and a session made from a profile.</summary>
public sealed class ProfileTests(ServerFixture server)
{
    [Fact]
    public async Task Create_get_list_update_and_delete_a_profile()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var created = await client.Profiles.CreateAsync(new ProfileCreateOptions
        {
            Name = "Standard",
            Steps = [VerificationSteps.Selfie, VerificationSteps.Document],
            LivenessThreshold = 80,
            AmlThreshold = 0.9,
        });
        Assert.Equal(HttpStatusCode.Created, created.Response!.StatusCode);
        Assert.True(Guid.TryParse(created.Id, out _));
        Assert.False(created.Livemode);
        Assert.Equal("Standard", created.Name);
        Assert.Equal([VerificationSteps.Document, VerificationSteps.Selfie], created.Steps);
        Assert.Equal("passive", created.LivenessMode);
        Assert.Equal(80, created.LivenessThreshold);
        Assert.Equal(["head_left", "head_right", "smile", "blink"], created.LivenessChallenges);
        Assert.Equal(4, created.DocumentTypes.Count);
        Assert.Equal(0.9, created.AmlThreshold);
        Assert.False(created.FaceDuplicateCheck);
        Assert.Equal(created.CreatedAt, created.UpdatedAt);
        Assert.InRange(created.CreatedAt, ServerFixture.Start, server.Clock.GetUtcNow());
        var second = await client.Profiles.CreateAsync(new ProfileCreateOptions { Name = "Other", Steps = [VerificationSteps.Document], FaceDuplicateCheck = true });
        Assert.True(second.FaceDuplicateCheck);

        var got = await client.Profiles.GetAsync(created.Id);
        Assert.Equal(created.Steps, got.Steps);
        Assert.Equal(created.UpdatedAt, got.UpdatedAt);

        var page = await client.Profiles.ListAsync(new ListOptions { PerPage = 1 });
        Assert.Equal(2, page.Meta.Total);
        Assert.Single(page.Data);
        var all = new List<string>();
        await foreach (var profile in client.Profiles.ListAutoPagingAsync(new ListOptions { PerPage = 1 }))
            all.Add(profile.Id);
        Assert.Equal(new[] { created.Id, second.Id }.Order(), all.Order());

        var changed = await client.Profiles.UpdateAsync(created.Id, new ProfileUpdateOptions { Name = "Strict", LivenessMode = "active" });
        Assert.Equal("Strict", changed.Name);
        Assert.Equal("active", changed.LivenessMode);
        Assert.Equal(80, changed.LivenessThreshold); // not sent, so not changed

        var session = await client.Sessions.CreateAsync(new SessionCreateOptions { ProfileId = created.Id });
        Assert.Equal(created.Id, session.ProfileId);
        Assert.Equal([VerificationSteps.Document, VerificationSteps.Selfie], session.Steps);

        var deleted = await client.Profiles.DeleteAsync(created.Id);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var missing = await Assert.ThrowsAsync<VerilockApiException>(() => client.Profiles.GetAsync(created.Id));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var refused = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.CreateAsync(new SessionCreateOptions { ProfileId = created.Id }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("was deleted", refused.FieldErrors["profile_id"][0]);
        Assert.Equal(created.Id, (await client.Sessions.GetAsync(session.Id)).ProfileId);
    }

    [Fact]
    public async Task Invalid_options_are_field_errors_and_a_retried_create_is_replayed()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var invalid = await Assert.ThrowsAsync<VerilockApiException>(() =>
            client.Profiles.CreateAsync(new ProfileCreateOptions { Name = "", Steps = ["retina"], LivenessThreshold = 101 }));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, invalid.StatusCode);
        Assert.Equal(["liveness_threshold", "name", "steps"], invalid.FieldErrors.Keys.Order());

        var options = new ProfileCreateOptions { Name = "Once", Steps = [VerificationSteps.Document] };
        var first = await client.Profiles.CreateAsync(options, new RequestOptions { IdempotencyKey = "profile-client-once" });
        var again = await client.Profiles.CreateAsync(options, new RequestOptions { IdempotencyKey = "profile-client-once" });
        Assert.True(again.Response!.IdempotentReplayed);
        Assert.Equal(first.Id, again.Id);
        Assert.Equal(1, (await client.Profiles.ListAsync()).Meta.Total);
    }
}
