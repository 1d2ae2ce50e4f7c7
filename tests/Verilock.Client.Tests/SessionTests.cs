using System.Net;
using Verilock.Client.Tests.Support;

namespace Verilock.Client.Tests;

/// <summary>Sessions against the real server: the surface (create, get, list, auto-paging), errors and idempotency.</summary>
public sealed class SessionTests(ServerFixture server)
{
    [Fact]
    public async Task Create_then_get_returns_the_applicant_reference_and_status()
    {
        using var client = server.Client(await server.NewKeyAsync());

        var created = await client.Sessions.CreateAsync(new SessionCreateOptions
        {
            Steps = ["document", "selfie"],
            Applicant = new ApplicantOptions { FirstName = "Jean", LastName = "Dupont", Email = "j@example.com", DateOfBirth = "1990-05-15", Nationality = "FRA" },
            ReferenceId = "usr_1",
            Metadata = new Dictionary<string, object?> { ["plan"] = "gold", ["seats"] = 3, ["trial"] = true, ["note"] = null },
            ExpiresIn = 900,
        });

        Assert.Matches("^ses_[0-9a-f-]{36}$", created.Id);
        Assert.Equal(HttpStatusCode.Created, created.Response!.StatusCode);
        Assert.Matches("^req_[0-9a-f]{32}$", created.Response.RequestId);
        Assert.NotNull(created.Response.IdempotencyKey);
        Assert.Equal(1, created.Response.Attempts);
        Assert.False(created.Livemode);
        Assert.Equal(SessionStatuses.Created, created.Status);
        Assert.Equal(["document", "selfie"], created.Steps);
        Assert.Equal(TimeSpan.FromSeconds(900), created.ExpiresAt - created.CreatedAt);
        Assert.Equal(new Uri($"https://verify.example.test/verify/{created.SessionToken}"), created.SessionUrl);
        Assert.Equal(created.SessionUrl, created.HostedUrl);

        var got = await client.Sessions.GetAsync(created.Id);
        Assert.Equal(HttpStatusCode.OK, got.Response!.StatusCode);
        Assert.Null(got.Response.IdempotencyKey);
        Assert.Equal("Jean", got.Applicant.FirstName);
        Assert.Equal("Dupont", got.Applicant.LastName);
        Assert.Equal("j@example.com", got.Applicant.Email);
        Assert.Equal("1990-05-15", got.Applicant.DateOfBirth);
        Assert.Equal("FR", got.Applicant.Nationality);
        Assert.Equal("usr_1", got.ReferenceId);
        Assert.Equal("usr_1", got.ExternalId);
        Assert.Equal(SessionStatuses.Created, got.Status);
        Assert.Equal("kyc", got.Type);
        Assert.Null(got.Decision);
        Assert.Empty(got.ReviewReasons);
        Assert.Equal("gold", got.Metadata["plan"].GetString());
        Assert.Equal(3, got.Metadata["seats"].GetInt32());
        Assert.True(got.Metadata["trial"].GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, got.Metadata["note"].ValueKind);
        Assert.Equal(StepStatuses.NotStarted, got.Results["document"].Status);
        Assert.Null(got.Results["selfie"].Details);
        Assert.True(got.Response.RateLimitLimit > 0);
        Assert.NotNull(got.Response.RateLimitRemaining);
    }

    [Fact]
    public async Task List_filters_by_status_and_reference_and_reports_meta()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
            ids.Add((await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["document"], ReferenceId = "batch-a" })).Id);
        await client.Sessions.CreateAsync(new SessionCreateOptions
        {
            Steps = ["document"],
            ReferenceId = "batch-b",
            Applicant = new ApplicantOptions { FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com" },
        });

        var page = await client.Sessions.ListAsync(new SessionListOptions { Status = "created", ReferenceId = "batch-a", PerPage = 3 });
        Assert.Equal(3, page.Data.Count);
        Assert.Equal(4, page.Meta.Total);
        Assert.Equal(2, page.Meta.LastPage);
        Assert.Equal(1, page.Meta.CurrentPage);
        Assert.Equal(3, page.Meta.PerPage);
        Assert.All(page.Data, item => Assert.Contains(item.Id, ids));

        var second = await client.Sessions.ListAsync(new SessionListOptions { ReferenceId = "batch-a", PerPage = 3, Page = 2 });
        Assert.Single(second.Data);
        Assert.Equal(2, second.Meta.CurrentPage);
        var past = await client.Sessions.ListAsync(new SessionListOptions { ReferenceId = "batch-a", PerPage = 3, Page = 9 });
        Assert.Empty(past.Data);
        Assert.Equal(4, past.Meta.Total);

        var other = Assert.Single((await client.Sessions.ListAsync(new SessionListOptions { ReferenceId = "batch-b" })).Data);
        Assert.Equal("Ada", other.Applicant.FirstName);
        Assert.Equal("ada@example.com", other.Applicant.Email);
        Assert.Equal(["document"], other.Steps);
        Assert.Equal("kyc", other.Type);
        Assert.Null(other.CompletedAt);
        Assert.Equal(ServerFixture.Start.Date, other.CreatedAt.UtcDateTime.Date);

        Assert.Empty((await client.Sessions.ListAsync(new SessionListOptions { Status = "approved" })).Data);
        var today = DateOnly.FromDateTime(server.Clock.GetUtcNow().UtcDateTime);
        Assert.Equal(5, (await client.Sessions.ListAsync(new SessionListOptions { From = today, To = today })).Meta.Total);
        Assert.Equal(0, (await client.Sessions.ListAsync(new SessionListOptions { From = today.AddDays(1) })).Meta.Total);
    }

    [Fact]
    public async Task Auto_paging_walks_every_page_in_list_order()
    {
        using var client = server.Client(await server.NewKeyAsync());
        for (var i = 0; i < 7; i++)
            await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["document"], ReferenceId = "walk" });
        var whole = await client.Sessions.ListAsync(new SessionListOptions { ReferenceId = "walk", PerPage = 100 });
        Assert.Equal(7, whole.Data.Count);

        var walked = new List<string>();
        await foreach (var item in client.Sessions.ListAutoPagingAsync(new SessionListOptions { ReferenceId = "walk", PerPage = 3 }))
            walked.Add(item.Id);

        Assert.Equal(whole.Data.Select(s => s.Id), walked);

        var fromSecondPage = new List<string>();
        await foreach (var item in client.Sessions.ListAutoPagingAsync(new SessionListOptions { ReferenceId = "walk", PerPage = 3, Page = 2 }))
            fromSecondPage.Add(item.Id);
        Assert.Equal(whole.Data.Skip(3).Select(s => s.Id), fromSecondPage);
    }

    [Fact]
    public async Task Auto_paging_skips_an_item_pushed_onto_the_next_page_by_a_new_session()
    {
        using var client = server.Client(await server.NewKeyAsync());
        for (var i = 0; i < 4; i++)
            await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["document"] });

        var walked = new List<string>();
        await foreach (var item in client.Sessions.ListAutoPagingAsync(new SessionListOptions { PerPage = 2 }))
        {
            walked.Add(item.Id);
            // After the first page: a new session (a second later, so surely the newest) shifts every older one down a place.
            if (walked.Count == 2)
            {
                server.Clock.Advance(TimeSpan.FromSeconds(1));
                await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["document"] }, new RequestOptions(), TestContext.Current.CancellationToken);
            }
        }

        Assert.Equal(walked.Count, walked.Distinct().Count());
        Assert.Equal(4, walked.Count);
    }

    [Fact]
    public async Task An_unknown_id_is_a_not_found_exception_with_the_spec_fields()
    {
        using var client = server.Client(await server.NewKeyAsync());

        var error = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.GetAsync("ses_00000000-0000-4000-8000-000000000000"));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Equal(ApiErrorCodes.NotFound, error.Error);
        Assert.Equal("No such session.", error.Message);
        Assert.Null(error.Details);
        Assert.Matches("^req_[0-9a-f]{32}$", error.RequestId);
        Assert.Empty(error.FieldErrors);
    }

    [Fact]
    public async Task The_request_id_sent_is_the_one_an_error_reports()
    {
        using var client = server.Client(await server.NewKeyAsync());

        var error = await Assert.ThrowsAsync<VerilockApiException>(() =>
            client.Sessions.GetAsync("ses_missing", new RequestOptions { RequestId = "trace-42.a_b" }));

        Assert.Equal("trace-42.a_b", error.RequestId);
    }

    [Fact]
    public async Task Invalid_fields_are_a_validation_exception_with_each_field_and_message()
    {
        using var client = server.Client(await server.NewKeyAsync());

        var error = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.CreateAsync(new SessionCreateOptions
        {
            Steps = ["document", "teleport"],
            Applicant = new ApplicantOptions { Email = "not-an-email" },
        }));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, error.StatusCode);
        Assert.Equal(ApiErrorCodes.ValidationError, error.Error);
        Assert.Equal("The given data was invalid.", error.Message);
        Assert.Equal(["The applicant.email must be a valid email address."], error.FieldErrors["applicant.email"]);
        Assert.True(error.FieldErrors.ContainsKey("steps"));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, error.Details!.Value.ValueKind);
        Assert.Equal(error.FieldErrors.Count, error.Details.Value.EnumerateObject().Count());
        Assert.NotNull(error.RequestId);
    }

    [Fact]
    public async Task A_query_the_server_refuses_is_a_validation_exception_too()
    {
        using var client = server.Client(await server.NewKeyAsync());

        var error = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.ListAsync(new SessionListOptions { PerPage = 101, Status = "pending" }));

        Assert.Equal(ApiErrorCodes.ValidationError, error.Error);
        Assert.Contains("per_page", error.FieldErrors.Keys);
        Assert.Contains("status", error.FieldErrors.Keys);
    }

    [Fact]
    public async Task A_bad_key_is_an_authentication_exception()
    {
        using var client = server.Client("qi_test_not-a-real-key");

        var error = await Assert.ThrowsAsync<VerilockApiException>(() => client.Sessions.ListAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(ApiErrorCodes.AuthenticationError, error.Error);
        Assert.Equal("Invalid or missing API key.", error.Message);
    }

    [Fact]
    public async Task The_same_idempotency_key_twice_replays_the_first_session_and_creates_one()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var options = new SessionCreateOptions { Steps = ["document"], ReferenceId = "idem" };
        var key = new RequestOptions { IdempotencyKey = "order-" + Guid.NewGuid().ToString("N") };

        var first = await client.Sessions.CreateAsync(options, key);
        var second = await client.Sessions.CreateAsync(options, key);

        Assert.Equal(first.Id, second.Id);
        Assert.False(first.Response!.IdempotentReplayed);
        Assert.True(second.Response!.IdempotentReplayed);
        Assert.Equal(key.IdempotencyKey, second.Response.IdempotencyKey);
        Assert.Equal(1, (await client.Sessions.ListAsync(new SessionListOptions { ReferenceId = "idem" })).Meta.Total);

        // The same key with another body is the server's idempotency clash, surfaced as such.
        var clash = await Assert.ThrowsAsync<VerilockApiException>(() =>
            client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["selfie"] }, key));
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal(ApiErrorCodes.Conflict, clash.Error);
    }

    [Fact]
    public async Task Without_a_key_of_the_caller_each_call_gets_its_own_and_creates_its_own_session()
    {
        using var client = server.Client(await server.NewKeyAsync());
        var options = new SessionCreateOptions { Steps = ["document"], ReferenceId = "fresh" };

        var first = await client.Sessions.CreateAsync(options);
        var second = await client.Sessions.CreateAsync(options);

        Assert.NotEqual(first.Id, second.Id);
        Assert.NotEqual(first.Response!.IdempotencyKey, second.Response!.IdempotencyKey);
        Assert.True(Guid.TryParse(first.Response.IdempotencyKey, out _));
        Assert.Equal(2, (await client.Sessions.ListAsync(new SessionListOptions { ReferenceId = "fresh" })).Meta.Total);
    }

    [Fact]
    public async Task A_response_lost_after_the_server_acted_is_retried_with_the_same_key_and_replayed()
    {
        // The connection drops after the server has created the session: the retry must not create a second one.
        var losing = new LoseFirstResponseHandler(server.CreateHandler());
        using var client = new VerilockClient(
            new VerilockClientOptions { ApiKey = await server.NewKeyAsync(), BaseAddress = ServerFixture.Origin, InitialRetryDelay = TimeSpan.FromMilliseconds(1) },
            new HttpClient(losing));

        var session = await client.Sessions.CreateAsync(new SessionCreateOptions { Steps = ["document"], ReferenceId = "lost" });

        Assert.Equal(2, session.Response!.Attempts);
        Assert.True(session.Response.IdempotentReplayed);
        Assert.Equal(2, losing.Keys.Count);
        Assert.Single(losing.Keys.Distinct());
        Assert.Equal(1, (await client.Sessions.ListAsync(new SessionListOptions { ReferenceId = "lost" })).Meta.Total);
    }

    /// <summary>Passes the first POST to the server, then throws away its answer as a dropped connection would.</summary>
    private sealed class LoseFirstResponseHandler(HttpMessageHandler server) : DelegatingHandler(server)
    {
        public List<string> Keys { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = await base.SendAsync(request, cancellationToken);
            if (request.Method != HttpMethod.Post)
                return response;
            Keys.Add(request.Headers.GetValues("Idempotency-Key").Single());
            if (Keys.Count > 1)
                return response;
            response.Dispose();
            throw new HttpRequestException("The connection was reset.");
        }
    }
}
