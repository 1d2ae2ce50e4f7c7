using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Persistence;
using Verilock.Server.Accounts;
using Verilock.Server.Aml;
using Verilock.Server.Checks;
using Verilock.Server.Hosting;

namespace Verilock.Server.Tests.Support;

/// <summary>
/// One running server (in-memory test host) over one fresh database, with a clock the tests move.
/// Tests isolate themselves by creating their own account and key.
/// </summary>
public abstract class ApiFixture(TestDatabase database) : IAsyncLifetime
{
    /// <summary>A Sunday morning; far from midnight so day-boundary tests choose their own times.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 15, 10, 30, 0, TimeSpan.Zero);

    private WebApplication? _app;

    /// <summary>Shared by the tests of one class (they run one after another): assert times relative to <see cref="NowText"/>.</summary>
    public FakeTimeProvider Clock { get; } = new(Start);

    /// <summary>The fixture clock plus <paramref name="offset"/>, in the API's format.</summary>
    public string NowText(TimeSpan offset = default) => (Clock.GetUtcNow() + offset).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'");
    public TestDatabase Database => database;
    public string ProviderName => database.Provider;
    public HttpClient Anonymous { get; private set; } = null!;
    public IServiceProvider Services => _app!.Services;

    /// <summary>The server's per-key default rate limit in this fixture: high so ordinary tests are never throttled; null keeps the product default.</summary>
    protected virtual int? RateLimitPerMinute => 100_000;

    /// <summary>Configuration a fixture adds on top of the defaults (or overrides).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Services a fixture adds or replaces (after the test clock).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>
    /// The sanctions lists the server loads (offline mode, so tests never download): by default a small
    /// generated UN list in the fixture's data folder; AML fixtures use the real snapshots.
    /// </summary>
    protected virtual string AmlListsDirectory => TestLists.WriteSmallDirectory(Path.Combine(database.DataDirectory, "lists"));

    public async ValueTask InitializeAsync()
    {
        if (database.Unavailable is not null)
            return;
        if (database is PostgresTestDatabase postgres)
            await postgres.CreateAsync();

        _app = VerilockHost.Build([], database.DataDirectory, builder =>
        {
            builder.WebHost.UseTestServer();
            var settings = new Dictionary<string, string?>
            {
                ["Verilock:Database:Provider"] = database.Provider,
                ["Verilock:Database:ConnectionString"] = database.ConnectionString,
                ["Verilock:Housekeeping:Interval"] = "00:01:00",
                ["Verilock:PublicBaseUrl"] = "https://verify.example.test",
                ["Logging:LogLevel:Default"] = "Warning",
                // Webhook tests turn delivery on; elsewhere a session's webhook_url may name a host on the internet.
                ["Verilock:Webhooks:Dispatch"] = "false",
                ["Verilock:Aml:ListsDirectory"] = AmlListsDirectory,
                // Tests run the checks themselves (RunChecksAsync) so they decide when; one fixture runs the workers.
                ["Verilock:Checks:Workers"] = "0",
                ["Verilock:Checks:ModelsDirectory"] = Repository.Models,
                // Every test shares one client address here: per-address limits are LimitTests' (own fixture).
                ["Verilock:Limits:UnknownFlowTokensPerMinute"] = "100000",
                ["Verilock:Limits:SignInAttemptsPerMinute"] = "100000",
            };
            if (RateLimitPerMinute is { } limit)
                settings["Verilock:RateLimit:PermitPerMinute"] = limit.ToString();
            // A null value takes a default above away, leaving the product's own.
            foreach (var (key, value) in Settings)
            {
                if (value is null)
                    settings.Remove(key);
                else
                    settings[key] = value;
            }
            builder.Configuration.AddInMemoryCollection(settings);
            builder.Services.AddSingleton<TimeProvider>(Clock);
            ConfigureServices(builder.Services);
        });
        await VerilockHost.InitialiseAsync(_app);
        await _app.StartAsync();
        await Services.GetRequiredService<ScreeningIndexHolder>().StartupLoaded.WaitAsync(TimeSpan.FromMinutes(2));
        Anonymous = ContractCheckedClient();
    }

    public void SkipIfUnavailable()
    {
        if (database.Unavailable is { } reason)
            Assert.Skip(reason);
    }

    public sealed record Caller(HttpClient Client, string Key, string AccountName, Guid AccountId);

    /// <summary>A new account with one key, and a client that sends it in <c>X-API-Key</c>.</summary>
    public async Task<Caller> NewCallerAsync(bool live = false, int? rateLimitPerMinute = null, string? accountName = null)
    {
        accountName ??= "acct-" + Guid.NewGuid().ToString("N")[..12];
        await using var scope = Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        var (key, secret) = await admin.CreateKeyAsync(accountName, live, rateLimitPerMinute, CancellationToken.None);
        return new Caller(ClientWithKey(secret), secret, accountName, key.AccountId);
    }

    /// <summary>A handler into the in-memory server, for clients that keep cookies (the dashboard's).</summary>
    public HttpMessageHandler CreateHandler() => new ContractCheckingHandler(_app!.GetTestServer().CreateHandler());

    /// <summary>A client of the in-memory server whose every API answer is checked against the OpenAPI document.</summary>
    private HttpClient ContractCheckedClient() => new(CreateHandler()) { BaseAddress = _app!.GetTestServer().BaseAddress };

    public HttpClient ClientWithKey(string key)
    {
        var client = ContractCheckedClient();
        client.DefaultRequestHeaders.Add("X-API-Key", key);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public async Task<T> WithDbAsync<T>(Func<VerilockDbContext, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<VerilockDbContext>());
    }

    /// <summary>
    /// Moves a created session to "processing, decision review" the way the checks will (submit, then an
    /// outcome with a pending step), so manual decisions can be exercised before the checks exist.
    /// </summary>
    public Task PutInReviewAsync(string sessionId) => WithDbAsync(async db =>
    {
        var session = await db.Sessions.SingleAsync(s => s.Id == sessionId);
        var now = Clock.GetUtcNow().UtcDateTime;
        Assert.True(session.TrySubmit(now));
        var results = session.Steps.ToDictionary(
            step => step,
            step => step == session.Steps[^1] ? new StepResult(StepOutcome.Pending, 0.7, null) : new StepResult(StepOutcome.Approved, 0.97, null));
        session.RecordCheckOutcome(results, ["face_match_inconclusive"], now);
        await db.SaveChangesAsync();
        return 0;
    });

    /// <summary>
    /// Lets <paramref name="elapse"/> pass (default: past the sandbox's simulated processing time) and runs
    /// every check job then due, as the background workers would; returns how many ran.
    /// </summary>
    public async Task<int> RunChecksAsync(TimeSpan? elapse = null)
    {
        Clock.Advance(elapse ?? TimeSpan.FromSeconds(3));
        var workers = Services.GetRequiredService<CheckWorkers>();
        var ran = 0;
        while (await workers.RunOneAsync(CancellationToken.None))
            ran++;
        return ran;
    }

    public Task<List<string>> EventTypesAsync(string sessionId) => WithDbAsync(db =>
        db.OutboxEvents.Where(e => e.SessionId == sessionId).OrderBy(e => e.Sequence).Select(e => e.Type).ToListAsync());

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        await database.DisposeAsync();
    }
}

public sealed class SqliteApiFixture() : ApiFixture(new SqliteTestDatabase());

/// <summary>SQLite with the shipped rate-limit default (120 per key per minute).</summary>
public sealed class DefaultLimitApiFixture() : ApiFixture(new SqliteTestDatabase())
{
    protected override int? RateLimitPerMinute => null;
}

/// <summary>SQLite with <c>Verilock:RateLimit:PermitPerMinute = 0</c>, as load tests run it.</summary>
public sealed class UnlimitedApiFixture() : ApiFixture(new SqliteTestDatabase())
{
    protected override int? RateLimitPerMinute => 0;
}

/// <summary>Admission control squeezed to one request at a time and no queue.</summary>
public sealed class SingleRequestApiFixture() : ApiFixture(new SqliteTestDatabase())
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Verilock:Admission:MaxConcurrentRequests"] = "1",
        ["Verilock:Admission:QueueLimit"] = "0",
    };
}

public sealed class PostgresApiFixture() : ApiFixture(new PostgresTestDatabase());
