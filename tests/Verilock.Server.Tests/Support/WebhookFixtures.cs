namespace Verilock.Server.Tests.Support;

/// <summary>Webhook delivery on, and targets on 127.0.0.1 allowed (<c>AllowInsecureTargets</c>), as local development runs it.</summary>
public abstract class WebhookApiFixture(TestDatabase database, bool allowInsecureTargets) : ApiFixture(database)
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Verilock:Webhooks:Dispatch"] = "true",
        ["Verilock:Webhooks:AllowInsecureTargets"] = allowInsecureTargets ? "true" : "false",
    };
}

public sealed class SqliteWebhookFixture() : WebhookApiFixture(new SqliteTestDatabase(), allowInsecureTargets: true);

public sealed class PostgresWebhookFixture() : WebhookApiFixture(new PostgresTestDatabase(), allowInsecureTargets: true);

/// <summary>Production settings: no insecure targets.</summary>
public sealed class SqliteStrictWebhookFixture() : WebhookApiFixture(new SqliteTestDatabase(), allowInsecureTargets: false);

public sealed class PostgresStrictWebhookFixture() : WebhookApiFixture(new PostgresTestDatabase(), allowInsecureTargets: false);

/// <summary>Production settings with the loopback address 127.0.0.1 listed as an allowed private network.</summary>
public sealed class SqliteAllowedNetworksWebhookFixture() : ApiFixture(new SqliteTestDatabase())
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Verilock:Webhooks:Dispatch"] = "true",
        ["Verilock:Webhooks:AllowInsecureTargets"] = "false",
        ["Verilock:Webhooks:AllowedNetworks"] = "127.0.0.1/32",
    };
}
