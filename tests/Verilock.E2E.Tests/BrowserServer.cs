using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Server.Accounts;
using Verilock.Server.Dashboard.Operators;
using Verilock.Server.Hosting;

namespace Verilock.E2E.Tests;

/// <summary>
/// A real Verilock server on Kestrel (a free loopback port, SQLite in a temp folder, sandbox check workers on the
/// real clock) for the browser to talk to, with one account that has a test key and an operator.
/// </summary>
public sealed class BrowserServer : IAsyncLifetime
{
    public const string OperatorEmail = "operator@example.com";
    public const string OperatorPassword = "a long operator password";
    public const string AccountName = "e2e";

    private readonly string _dataDir = Directory.CreateTempSubdirectory("verilock-e2e-").FullName;
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var emptyLists = Directory.CreateDirectory(Path.Combine(_dataDir, "lists")).FullName;
        _app = VerilockHost.Build([], _dataDir, builder =>
        {
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Verilock:Webhooks:Dispatch"] = "false",
                // Test-mode sessions only: their AML step uses the synthetic sandbox list, so no real list is loaded.
                ["Verilock:Aml:ListsDirectory"] = emptyLists,
                ["Verilock:Checks:Workers"] = "1",
                // The hosted flow's immediate photo feedback runs the real reader and face detector.
                ["Verilock:Checks:ModelsDirectory"] = Verilock.Checks.Samples.FacePhotos.ModelsDirectory,
            });
        });
        await VerilockHost.InitialiseAsync(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);

        await using var scope = _app.Services.CreateAsyncScope();
        var (_, key) = await scope.ServiceProvider.GetRequiredService<AccountAdministration>()
            .CreateKeyAsync(AccountName, liveMode: false, rateLimitPerMinute: null, CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<OperatorAdministration>()
            .CreateAsync(AccountName, OperatorEmail, OperatorPassword, CancellationToken.None);
        Api = new HttpClient { BaseAddress = BaseAddress };
        Api.DefaultRequestHeaders.Add("X-API-Key", key);
    }

    /// <summary>
    /// A sandbox session taken through the API as an integrator would (create, upload, submit); the applicant's
    /// last name REVIEW makes the simulated checks send it to review (spec §2.2). Returns its id once it is there.
    /// </summary>
    public async Task<string> SessionInReviewAsync(string firstName)
    {
        var created = await Api.PostAsJsonAsync("/api/v1/sessions", new
        {
            steps = new[] { "document", "selfie", "face_match", "liveness" },
            applicant = new { first_name = firstName, last_name = "REVIEW", email = "applicant@example.com", nationality = "FR" },
            reference_id = "usr_" + firstName.ToLowerInvariant(),
        });
        var id = (string)(await ReadAsync(created))["id"]!;
        using (var document = new MultipartFormDataContent { { new ByteArrayContent(SampleImages.Passport), "front", "passport.jpg" }, { new StringContent("passport"), "type" } })
            await ReadAsync(await Api.PostAsync($"/api/v1/sessions/{id}/documents", document));
        using (var selfie = new MultipartFormDataContent { { new ByteArrayContent(SampleImages.Selfie), "image", "selfie.png" } })
            await ReadAsync(await Api.PostAsync($"/api/v1/sessions/{id}/selfie", selfie));
        await ReadAsync(await Api.PostAsync($"/api/v1/sessions/{id}/submit", null));
        // The sandbox decides about 2 s after submit; the worker polls.
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var session = await ReadAsync(await Api.GetAsync($"/api/v1/sessions/{id}"));
            if ((string?)session["decision"] == "review")
                return id;
            await Task.Delay(200);
        }
        throw new TimeoutException($"Session {id} did not reach review.");
    }

    /// <summary>Creates a session through the API (test key) and returns its body.</summary>
    public async Task<JsonNode> CreateSessionAsync(object body) => await ReadAsync(await Api.PostAsJsonAsync("/api/v1/sessions", body));

    /// <summary>Moves a waiting session's expiry into the past, as if its link had been left unused too long.</summary>
    public async Task ExpireAsync(string id)
    {
        await using var scope = _app!.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<Verilock.Infrastructure.Persistence.VerilockDbContext>();
        await db.Sessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiresAt, DateTime.UtcNow.AddMinutes(-1)));
    }

    public async Task<JsonNode> GetSessionAsync(string id) => await ReadAsync(await Api.GetAsync($"/api/v1/sessions/{id}"));

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    public async ValueTask DisposeAsync()
    {
        Api?.Dispose();
        if (_app is not null)
            await _app.DisposeAsync();
        Directory.Delete(_dataDir, recursive: true);
    }
}
