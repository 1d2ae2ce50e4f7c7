using System.Net;
using System.Text;
using Verilock.Client.Tests.Support;
using Verilock.Server.Webhooks;

namespace Verilock.Client.Tests;

/// <summary>
/// Webhook endpoints and the delivery log through the client, and <see cref="WebhookSignature"/> on deliveries the real
/// server signed and sent to a receiver.
/// </summary>
public sealed class WebhookTests(ServerFixture server)
{
    [Fact]
    public async Task A_real_delivery_verifies_and_tampering_a_wrong_secret_or_an_old_timestamp_do_not()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = server.Client(await server.NewKeyAsync());
        var endpoint = await client.Webhooks.Endpoints.CreateAsync(new WebhookEndpointCreateOptions
        {
            Url = receiver.Url("/hook"),
            Events = [WebhookEventTypes.SessionCreated],
            Description = "client tests",
        });
        Assert.Matches("^whsec_", endpoint.Secret);
        var session = await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["document"], ReferenceId = "usr_hook" });

        var delivery = (await receiver.WaitForAsync("/hook", 1)).Single();
        var header = delivery.Header(WebhookHeaders.SignatureV2);
        var body = Encoding.UTF8.GetString(delivery.Body);
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(delivery.Header(WebhookHeaders.Timestamp)));
        var fiveMinutes = TimeSpan.FromMinutes(5);

        Assert.True(WebhookSignature.Verify(body, header, endpoint.Secret!, fiveMinutes, signedAt));
        Assert.True(WebhookSignature.Verify(delivery.Body, header, endpoint.Secret!, fiveMinutes, signedAt.AddSeconds(300)));
        Assert.False(WebhookSignature.Verify(body, header, endpoint.Secret + "x", fiveMinutes, signedAt));
        Assert.False(WebhookSignature.Verify(body.Replace("usr_hook", "usr_hooK", StringComparison.Ordinal), header, endpoint.Secret!, fiveMinutes, signedAt));
        var flipped = delivery.Body.ToArray();
        flipped[^2] ^= 1;
        Assert.False(WebhookSignature.Verify(flipped, header, endpoint.Secret!, fiveMinutes, signedAt));
        Assert.False(WebhookSignature.Verify(body, header, endpoint.Secret!, fiveMinutes, signedAt.AddSeconds(301)));
        Assert.False(WebhookSignature.Verify(body, header, endpoint.Secret!, fiveMinutes, signedAt.AddSeconds(-301)));
        Assert.False(WebhookSignature.Verify(body, null, endpoint.Secret!, fiveMinutes, signedAt));
        // The timestamp is part of what is signed: moving it forward to beat the tolerance breaks the signature.
        var later = signedAt.AddMinutes(10).ToUnixTimeSeconds();
        var moved = header.Replace($"t={signedAt.ToUnixTimeSeconds()}", $"t={later}", StringComparison.Ordinal);
        Assert.False(WebhookSignature.Verify(body, moved, endpoint.Secret!, fiveMinutes, signedAt.AddMinutes(10)));
        // Against the real clock the fixture's 2026 timestamp is stale (unless the machine's clock happens to agree).
        Assert.Equal(
            (DateTimeOffset.UtcNow - signedAt).Duration() <= fiveMinutes,
            WebhookSignature.Verify(body, header, endpoint.Secret!, fiveMinutes));

        var evt = WebhookEvent.Parse(body);
        Assert.Equal(WebhookEventTypes.SessionCreated, evt.Event);
        Assert.Equal(session.Id, evt.SessionId);
        Assert.Matches("^wh_evt_[0-9a-f]{12}$", evt.WebhookId);
        Assert.Equal("usr_hook", evt.Data.GetProperty("reference_id").GetString());
        Assert.Equal(session.CreatedAt, evt.Timestamp);
        Assert.Equal(WebhookEventTypes.SessionCreated, delivery.Header(WebhookHeaders.Event));
    }

    [Fact]
    public void The_header_the_client_makes_is_the_servers_byte_for_byte()
    {
        const string secret = "whsec_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";
        const string body = """{"event":"session.completed","data":{"session_id":"ses_1","name":"Zoë"},"timestamp":"2026-03-15T14:30:01Z","webhook_id":"wh_evt_9f8e7d6c5b4a"}""";
        var at = DateTimeOffset.FromUnixTimeSeconds(1_773_585_001);

        var ours = WebhookSignature.CreateHeader(body, secret, at);

        Assert.Equal(WebhookSigner.V2Header(at.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(body), secret, previousSecret: null), ours);
        Assert.True(WebhookSignature.Verify(body, ours, secret, TimeSpan.Zero, at));
        // During a rotation the server sends two v1 values: either secret verifies.
        var rotating = WebhookSigner.V2Header(at.ToUnixTimeSeconds(), Encoding.UTF8.GetBytes(body), "whsec_new", secret);
        Assert.True(WebhookSignature.Verify(body, rotating, secret, TimeSpan.Zero, at));
        Assert.True(WebhookSignature.Verify(body, rotating, "whsec_new", TimeSpan.Zero, at));
        Assert.False(WebhookSignature.Verify(body, rotating, "whsec_other", TimeSpan.Zero, at));
        Assert.False(WebhookSignature.Verify(body, "v1=" + ours.Split("v1=")[1], secret, TimeSpan.Zero, at));
        Assert.False(WebhookSignature.Verify(body, ours[..^1], secret, TimeSpan.Zero, at));
        Assert.False(WebhookSignature.Verify(body, "t=abc,v1=" + ours.Split("v1=")[1], secret, TimeSpan.Zero, at));
    }

    [Fact]
    public async Task Endpoints_can_be_read_listed_changed_rotated_and_deleted()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var first = await client.Webhooks.Endpoints.CreateAsync(new WebhookEndpointCreateOptions { Url = new Uri("https://hooks.example.com/a"), Events = ["*"] });
        var second = await client.Webhooks.Endpoints.CreateAsync(new WebhookEndpointCreateOptions { Url = new Uri("https://hooks.example.com/b"), Events = [WebhookEventTypes.AmlMatchFound] });

        var got = await client.Webhooks.Endpoints.GetAsync(first.Id);
        Assert.Null(got.Secret);
        Assert.Equal(new Uri("https://hooks.example.com/a"), got.Url);
        Assert.Equal(["*"], got.Events);
        Assert.Equal(WebhookEndpointStatuses.Enabled, got.Status);

        var page = await client.Webhooks.Endpoints.ListAsync(new ListOptions { PerPage = 1 });
        Assert.Equal(2, page.Meta.Total);
        var all = new List<string>();
        await foreach (var endpoint in client.Webhooks.Endpoints.ListAutoPagingAsync(new ListOptions { PerPage = 1 }))
            all.Add(endpoint.Id);
        // Both were made at the same instant of the fixture's clock, so their order is the ids' (spec §6): compare as sets.
        Assert.Equal(new[] { first.Id, second.Id }.Order(), all.Order());

        var changed = await client.Webhooks.Endpoints.UpdateAsync(first.Id, new WebhookEndpointUpdateOptions
        {
            Description = "renamed",
            Status = WebhookEndpointStatuses.Disabled,
        });
        Assert.Equal("renamed", changed.Description);
        Assert.Equal(WebhookEndpointStatuses.Disabled, changed.Status);
        Assert.Equal(["*"], changed.Events); // not sent, so not changed

        var rotated = await client.Webhooks.Endpoints.RotateSecretAsync(first.Id);
        Assert.Equal(first.Id, rotated.Id);
        Assert.Matches("^whsec_", rotated.Secret);
        Assert.NotEqual(first.Secret, rotated.Secret);

        var deleted = await client.Webhooks.Endpoints.DeleteAsync(first.Id);
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        var missing = await Assert.ThrowsAsync<VerilockApiException>(() => client.Webhooks.Endpoints.GetAsync(first.Id));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);

        var invalid = await Assert.ThrowsAsync<VerilockApiException>(() =>
            client.Webhooks.Endpoints.CreateAsync(new WebhookEndpointCreateOptions { Url = new Uri("https://hooks.example.com/c"), Events = ["session.teleported"] }));
        Assert.Contains("events", invalid.FieldErrors.Keys);
    }

    [Fact]
    public async Task Deliveries_are_logged_and_a_resend_arrives_with_the_same_webhook_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = server.Client(await server.NewKeyAsync());
        var endpoint = await client.Webhooks.Endpoints.CreateAsync(new WebhookEndpointCreateOptions { Url = receiver.Url("/log"), Events = [WebhookEventTypes.SessionCreated] });
        var session = await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["document"] });
        var first = (await receiver.WaitForAsync("/log", 1))[0];

        var logged = await WaitForDeliveryAsync(client, new WebhookDeliveryListOptions { EndpointId = endpoint.Id, Status = WebhookDeliveryStatuses.Succeeded });
        Assert.Equal(endpoint.Id, logged.EndpointId);
        Assert.Equal(WebhookEventTypes.SessionCreated, logged.Event);
        Assert.Equal(1, logged.Attempts);
        Assert.Equal(200, logged.LastResponseStatus);
        Assert.Equal(receiver.Url("/log"), logged.Url);
        Assert.Equal(session.Id, logged.Payload!.Value.GetProperty("data").GetProperty("session_id").GetString());
        Assert.Single((await client.Webhooks.Deliveries.ListAsync(new WebhookDeliveryListOptions { SessionId = session.Id })).Data);
        Assert.Empty((await client.Webhooks.Deliveries.ListAsync(new WebhookDeliveryListOptions { Event = WebhookEventTypes.SessionApproved })).Data);

        var resent = await client.Webhooks.Deliveries.ResendAsync(logged.WebhookId);
        Assert.Equal(HttpStatusCode.Accepted, resent.Response!.StatusCode);
        Assert.Equal(logged.WebhookId, resent.WebhookId);

        var again = (await receiver.WaitForAsync("/log", 2))[1];
        Assert.Equal(first.Body, again.Body);
        Assert.Equal("2", again.Header(WebhookHeaders.DeliveryAttempt));
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(again.Header(WebhookHeaders.Timestamp)));
        Assert.True(WebhookSignature.Verify(again.Body, again.Header(WebhookHeaders.SignatureV2), endpoint.Secret!, WebhookSignature.DefaultTolerance, signedAt));

        var walked = new List<WebhookDelivery>();
        await foreach (var delivery in client.Webhooks.Deliveries.ListAutoPagingAsync(new WebhookDeliveryListOptions { EndpointId = endpoint.Id }))
            walked.Add(delivery);
        Assert.Single(walked);
    }

    [Fact]
    public async Task A_rotated_default_secret_signs_deliveries_to_a_sessions_own_webhook_url()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        using var client = server.Client(await server.NewKeyAsync());

        var secret = await client.Webhooks.RotateDefaultSecretAsync();
        Assert.Null(secret.Id);
        Assert.Matches("^whsec_", secret.Secret);
        await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["document"], WebhookUrl = receiver.Url("/own") });

        var delivery = (await receiver.WaitForAsync("/own", 1))[0];
        var header = delivery.Header(WebhookHeaders.SignatureV2);
        var signedAt = DateTimeOffset.FromUnixTimeSeconds(long.Parse(delivery.Header(WebhookHeaders.Timestamp)));
        // A session's own URL is signed with the current default secret; one v1 per secret in the rotation window.
        Assert.True(WebhookSignature.Verify(delivery.Body, header, secret.Secret, WebhookSignature.DefaultTolerance, signedAt));
    }

    private static async Task<WebhookDelivery> WaitForDeliveryAsync(VerilockClient client, WebhookDeliveryListOptions filter)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var page = await client.Webhooks.Deliveries.ListAsync(filter);
            if (page.Data.Count > 0)
                return page.Data[0];
            if (DateTime.UtcNow > deadline)
                throw new Xunit.Sdk.XunitException("No delivery matched the filter in 20 s.");
            await Task.Delay(50);
        }
    }
}
