using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prometheus;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Security;
using Verilock.Server.Accounts;
using Verilock.Server.Aml;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Checks;
using Verilock.Server.Dashboard;
using Verilock.Server.Dashboard.Operators;
using Verilock.Server.Faces;
using Verilock.Server.Limits;
using Verilock.Server.Media;
using Verilock.Server.Operations;
using Verilock.Server.Profiles;
using Verilock.Server.Rules;
using Verilock.Server.Sessions;
using Verilock.Server.Transactions;
using Verilock.Server.Webhooks;

namespace Verilock.Server.Hosting;

/// <summary>Builds the web application: configuration, services, the middleware pipeline and the endpoints.</summary>
public static class VerilockHost
{
    public const string DefaultUrl = "http://127.0.0.1:8080";

    private static readonly Lazy<IDisposable> OwnMeter = new(() =>
    {
        ServerMetrics.Register();
        return MeterAdapter.StartListening(new MeterAdapterOptions { InstrumentFilterPredicate = i => i.Meter.Name == ServerMetrics.MeterName });
    });

    /// <param name="customize">Runs first, so tests can set configuration and put in their own clock or test server.</param>
    public static WebApplication Build(string[] args, string? dataDirectory = null, Action<WebApplicationBuilder>? customize = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // The dashboard's Razor Pages are found in the application's assembly: name it, since tests and the
            // browser-test host start the server from their own entry assemblies.
            ApplicationName = typeof(VerilockHost).Assembly.GetName().Name,
        });
        VerilockConfiguration.ApplyDataDirectory(builder.Configuration, dataDirectory);
        // Under systemd (Type=notify): ready is signalled once the server listens, stop on SIGTERM, journald log
        // levels. Elsewhere it does nothing.
        builder.Host.UseSystemd();
        customize?.Invoke(builder);
        builder.AddVerilockTelemetry();

        var services = builder.Services;
        services.AddVerilockOptions(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddVerilockDatabase(VerilockConfiguration.DataDirectory(builder.Configuration));
        services.AddSingleton<ApiKeyDirectory>();
        services.AddSingleton<ApiRateLimiting>();
        services.AddSingleton<IdempotencyBacklog>();
        services.AddSingleton<Idempotency>();
        services.AddSingleton<RequestAdmission>();
        services.AddSingleton<PublicOrigin>();
        services.AddSingleton(sp => ServerBinding.From(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<FlowTokenMisses>();
        services.AddSingleton<InRequestAnalysis>();
        services.AddOptions<ForwardedHeadersOptions>()
            .Configure<IOptions<ProxyOptions>>((forwarded, proxies) => proxies.Value.ApplyTo(forwarded));
        services.AddHsts(hsts =>
        {
            // Half a year, this host only: whether subdomains are HTTPS-only is the domain owner's decision.
            hsts.MaxAge = TimeSpan.FromDays(180);
            hsts.IncludeSubDomains = false;
        });
        services.AddSingleton<SessionExpiryHorizon>();
        services.AddScoped<OwnedSessions>();
        services.AddScoped<SessionListing>();
        services.AddSingleton<SessionInserts>();
        services.AddSingleton<RedactionCheckpoint>();
        services.AddScoped<AccountAdministration>();
        services.AddHostedService<Housekeeping>();
        services.AddSingleton<OperationalGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<OperationalGauges>());
        services.AddReadinessChecks();
        services.AddWebhookDelivery();
        services.AddAml();
        services.AddScoped<TransactionScreening>();
        services.AddScoped<AccountRuleSettings>();
        services.AddMedia();
        services.AddChecks();
        services.AddDashboard();
        services.AddScoped<Operations.MasterKeyRotation>();
        services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddOperatorCookie();
        services.AddAuthorization(authorization =>
        {
            ApiKeyAuthentication.AddPolicies(authorization);
            authorization.AddOperatorPolicy();
        });
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>()
            .Configure<ApiRateLimiting>((limiterOptions, limiting) =>
            {
                limiting.Configure(limiterOptions);
                Verify.VerifyApi.AddFlowRateLimit(limiterOptions);
                limiterOptions.AddPolicy<string, SignInAttempts>(SignInAttempts.PolicyName);
            });
        // The API writes with ApiJson.Options everywhere; giving the framework's JSON options the same settings is
        // what makes the OpenAPI document describe the wire (snake_case) instead of .NET's default camelCase.
        // Strict numbers: the web defaults would read "12" as 12, and the document would then type every number as
        // "integer or string". No endpoint binds a body through these options, and writing is unaffected.
        services.ConfigureHttpJsonOptions(json =>
        {
            Infrastructure.Serialization.ApiJson.Configure(json.SerializerOptions);
            json.SerializerOptions.NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict;
        });
        services.AddOpenApi("v1", openApi =>
        {
            // The API and the hosted flow's token API; not the flow's page, the dashboard or operations.
            openApi.ShouldInclude = description => description.RelativePath is { } path
                && (path.StartsWith("api/v1", StringComparison.Ordinal) || path.StartsWith("verify/{token}/api/", StringComparison.Ordinal));
            openApi.AddSchemaTransformer<OpenApiInstants>();
            // Slices name their answer Response or Item, nested in the endpoint's class: the default id (the type's own
            // name) gave submit's and risk's answers one schema between them.
            openApi.CreateSchemaReferenceId = type => type.Type is { IsNested: true, Name: "Response" or "Request" or "Item" } nested
                ? nested.DeclaringType!.Name + nested.Name
                : Microsoft.AspNetCore.OpenApi.OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            openApi.AddDocumentTransformer<OpenApiContract>();
            openApi.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Verilock API";
                document.Info.Version = "v1";
                return Task.CompletedTask;
            });
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = ErrorHandling.MaxBodyBytes;
        });

        // Process and HTTP metrics only. prometheus-net's default adapters would republish every .NET meter and
        // event counter (Kestrel's memory pool, routing, msquic internals…) and listen to each request twice.
        Metrics.SuppressDefaultMetrics(new SuppressDefaultMetricOptions
        {
            SuppressProcessMetrics = false,
            SuppressDebugMetrics = true,
            SuppressEventCounters = true,
            SuppressMeters = true,
        });
        // …except the server's own meter (queues, checks, webhooks, AML), through one adapter for the process.
        _ = OwnMeter.Value;

        var app = builder.Build();
        // Before anything reads a setting or touches the data folder: a bad setting stops here, all listed.
        VerilockConfiguration.ValidateAll(app.Services);
        OwnerOnlyFolder.CreateAndClose(app.Services.GetRequiredService<IOptions<VerilockOptions>>().Value.DataDir);
        // First: everything after it (limits, HTTPS checks, cookies, links) sees the client a trusted proxy forwarded.
        app.UseForwardedHeaders();
        // Only on HTTPS requests (after the forwarded scheme); never on plain HTTP or to localhost.
        app.UseHsts();
        app.Use(RequestIds.AssignAsync);
        app.UseApiErrors();
        app.UseDashboard();
        app.UseRouting();
        app.UseHttpMetrics();
        app.Use(app.Services.GetRequiredService<RequestAdmission>().InvokeAsync);
        app.UseAuthentication();
        app.UseRateLimiter();
        var limiting = app.Services.GetRequiredService<ApiRateLimiting>();
        app.Use(limiting.AddHeadersAsync);
        var idempotency = app.Services.GetRequiredService<Idempotency>();
        app.Use(idempotency.InvokeAsync);
        app.UseAuthorization();

        app.MapOperations();
        Verify.VerifyApi.MapVerify(app);
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapMetrics("/metrics");
        app.MapGroup("/api/v1")
            .RequireAuthorization(ApiKeyAuthentication.ActiveAccountPolicy)
            .MapSessions()
            .MapWebhooks()
            .MapAml()
            .MapFaces()
            .MapProfiles()
            .MapRules()
            .MapTransactions();
        app.MapDashboard();
        app.MapFallback(() => ApiError.NotFound());
        return app;
    }

    /// <summary>
    /// Migrates the database (or, with <c>Verilock:Database:MigrateAtStartup</c> off, refuses an outdated one) and
    /// refuses development-only webhook settings beside live keys; on a brand-new database, creates the default
    /// account and returns its test key.
    /// </summary>
    public static async Task<string?> InitialiseAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<VerilockDbContext>();
        await DatabaseMigrator.PrepareAsync(db, app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateAtStartup, cancellationToken);
        await InsecureTargetsGuard.CheckAsync(
            db, app.Services.GetRequiredService<IOptions<WebhookOptions>>().Value, app.Services.GetRequiredService<ServerBinding>(), cancellationToken);
        return await scope.ServiceProvider.GetRequiredService<AccountAdministration>().BootstrapAsync(cancellationToken);
    }
}
