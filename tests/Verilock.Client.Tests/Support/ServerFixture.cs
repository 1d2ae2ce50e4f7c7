using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Verilock.Server.Accounts;
using Verilock.Server.Aml;
using Verilock.Server.Checks;
using Verilock.Server.Hosting;

[assembly: AssemblyFixture(typeof(Verilock.Client.Tests.Support.ServerFixture))]

namespace Verilock.Client.Tests.Support;

/// <summary>
/// The real Verilock server, in-process on TestServer (no sockets) over a fresh SQLite database, shared by every test
/// of the assembly (a server per class would cost a start-up each on a 2-core machine). The same setup as the server's
/// own <c>ApiFixture</c>, reduced to what the client's tests need: tests isolate themselves by making their own account,
/// and the clock is fake so the sandbox's processing delay passes when a test says so.
/// </summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public static readonly DateTimeOffset Start = new(2026, 3, 15, 10, 30, 0, TimeSpan.Zero);

    /// <summary>TestServer's origin; requests never leave the process.</summary>
    public static readonly Uri Origin = new("http://localhost/");

    private readonly string _dataDirectory = Directory.CreateTempSubdirectory("verilock-client-test-").FullName;
    private WebApplication? _app;

    public FakeTimeProvider Clock { get; } = new(Start);

    public IServiceProvider Services => _app!.Services;

    public async ValueTask InitializeAsync()
    {
        var lists = Path.Combine(_dataDirectory, "lists");
        SmallUnList.Write(lists);
        // The sandbox checks only sniff file types: no OCR or face model is needed, so none is loaded.
        var models = Directory.CreateDirectory(Path.Combine(_dataDirectory, "no-models")).FullName;
        _app = VerilockHost.Build([], _dataDirectory, builder =>
        {
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Verilock:Database:Provider"] = "sqlite",
                ["Verilock:PublicBaseUrl"] = "https://verify.example.test",
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Verilock.Server.Checks.ModelWarmup"] = "None",
                ["Verilock:Aml:ListsDirectory"] = lists,
                ["Verilock:Checks:ModelsDirectory"] = models,
                // Checks run when a test calls RunChecksAsync, so it decides when the sandbox's delay has passed.
                ["Verilock:Checks:Workers"] = "0",
                // Deliveries go to a receiver on 127.0.0.1 (WebhookReceiver), as in local development.
                ["Verilock:Webhooks:Dispatch"] = "true",
                ["Verilock:Webhooks:AllowInsecureTargets"] = "true",
                ["Verilock:RateLimit:PermitPerMinute"] = "100000",
            });
            builder.Services.AddSingleton<TimeProvider>(Clock);
        });
        await VerilockHost.InitialiseAsync(_app);
        await _app.StartAsync();
        await Services.GetRequiredService<ScreeningIndexHolder>().StartupLoaded.WaitAsync(TimeSpan.FromMinutes(2));
    }

    /// <summary>A new account with one key; test keys (sandbox) unless <paramref name="live"/>.</summary>
    public async Task<string> NewKeyAsync(bool live = false)
    {
        await using var scope = Services.CreateAsyncScope();
        var admin = scope.ServiceProvider.GetRequiredService<AccountAdministration>();
        var (_, secret) = await admin.CreateKeyAsync("acct-" + Guid.NewGuid().ToString("N")[..12], live, null, CancellationToken.None);
        return secret;
    }

    /// <summary>
    /// A handler into the in-process server, for an <see cref="HttpClient"/> of the test's own. Every answer passes the
    /// OpenAPI contract check on its way back (<see cref="ContractCheckingHandler"/>): what the client reads is what the
    /// document promises, so a client test also fails when the document and the wire part.
    /// </summary>
    public HttpMessageHandler CreateHandler() => new ContractCheckingHandler(_app!.GetTestServer().CreateHandler());

    /// <summary>A client as an integrator makes one, over an <see cref="HttpClient"/> into the server.</summary>
    public VerilockClient Client(string apiKey, Action<VerilockClientOptions>? configure = null)
    {
        var options = new VerilockClientOptions { ApiKey = apiKey, BaseAddress = Origin };
        configure?.Invoke(options);
        return new VerilockClient(options, new HttpClient(CreateHandler()));
    }

    /// <summary>
    /// Lets the sandbox's processing time pass and runs the check jobs then due, as the workers would. Tests share the
    /// server, so another test's call may be running this test's job: callers wait for the outcome they expect.
    /// </summary>
    public async Task RunChecksAsync()
    {
        Clock.Advance(TimeSpan.FromSeconds(3));
        var workers = Services.GetRequiredService<CheckWorkers>();
        while (await workers.RunOneAsync(CancellationToken.None))
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
            await _app.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
