using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Verilock.Server.Tests.Support;

/// <summary>
/// The shipped per-address limits (30 unknown flow tokens, 10 sign-ins a minute), one in-request analysis at a time
/// with no queue, <see cref="TestPeer.TrustedProxy"/> as the trusted reverse proxy, and client addresses set per request.
/// </summary>
public abstract class LimitsApiFixture(TestDatabase database) : ApiFixture(database)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Verilock:Limits:UnknownFlowTokensPerMinute"] = null,
        ["Verilock:Limits:SignInAttemptsPerMinute"] = null,
        ["Verilock:Limits:AnalysisConcurrency"] = "1",
        ["Verilock:Limits:AnalysisQueueLimit"] = "0",
        ["Verilock:ForwardedHeaders:KnownProxies:0"] = TestPeer.TrustedProxy,
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IStartupFilter, TestPeer>();
}

public sealed class SqliteLimitsApiFixture() : LimitsApiFixture(new SqliteTestDatabase());

public sealed class PostgresLimitsApiFixture() : LimitsApiFixture(new PostgresTestDatabase());

/// <summary>A server configured to listen on every interface (the in-memory host ignores it; cookies and HSTS do not).</summary>
public sealed class ExposedApiFixture() : ApiFixture(new SqliteTestDatabase())
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["urls"] = "http://0.0.0.0:8080",
        ["Verilock:ForwardedHeaders:KnownProxies:0"] = TestPeer.TrustedProxy,
    };

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IStartupFilter, TestPeer>();
}
