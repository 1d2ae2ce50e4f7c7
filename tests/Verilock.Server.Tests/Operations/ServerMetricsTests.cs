using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Verilock.Server.Operations;
using Verilock.Server.Tests.Support;
using Verilock.Server.Tests.Webhooks;

namespace Verilock.Server.Tests.Operations;

/// <summary>
/// The server's own metrics on <c>/metrics</c> (issue 17 item 5): queue depths, check durations by step, webhook
/// attempts by outcome, sanctions lists' age and size, screenings by mode and result. The instruments are process-wide
/// and other tests run beside these, so counts are asserted as present and positive, not exact.
/// </summary>
public abstract partial class ServerMetricsTests(ApiFixture api) : WebhookTestsBase(api)
{
    [Fact]
    public async Task Metrics_show_queues_check_steps_webhook_outcomes_lists_and_screenings_without_keys_or_ids()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var caller = await Api.NewCallerAsync();
        await CreateEndpointAsync(caller.Client, receiver.Url(), """["session.created"]""");
        var id = await CreateAsync(caller.Client,
            """{"steps":["aml"],"applicant":{"first_name":"Jean","last_name":"Dupont","date_of_birth":"1990-05-15"}}""");
        await receiver.WaitForCountAsync("/hook", 1);
        await (await caller.Client.SubmitAsync(id)).ExpectAsync(HttpStatusCode.Accepted);
        await Api.Services.GetRequiredService<OperationalGauges>().SampleAsync(TestContext.Current.CancellationToken);
        var queued = await Api.Anonymous.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Matches(Gauge("verilock_check_queue_depth", ""), queued);
        Assert.Matches(Gauge("verilock_webhook_pending", ""), queued);

        Assert.Equal(1, await Api.RunChecksAsync());
        var metrics = await Api.Anonymous.GetStringAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Matches(Positive("verilock_check_duration_seconds_count", "step=\"aml\""), metrics);
        Assert.Matches(Positive("verilock_webhook_attempts_total", "outcome=\"succeeded\""), metrics);
        Assert.Matches(Positive("verilock_aml_screenings_total", "mode=\"test\",result=\"clear\""), metrics);
        Assert.Matches(Positive("verilock_aml_list_entities", "list=\"un_sc\""), metrics);
        Assert.Matches(Positive("verilock_aml_list_age_seconds", "list=\"un_sc\""), metrics);
        Assert.Contains("# HELP verilock_check_queue_depth Submitted sessions waiting for their checks", metrics);
        Assert.DoesNotContain(caller.Key, metrics);
        Assert.DoesNotContain(id, metrics);
        Assert.DoesNotContain(receiver.BaseUrl, metrics);
    }

    /// <summary>A sample line of the metric with exactly these labels and a value of at least one.</summary>
    private static Regex Positive(string metric, string labels) =>
        new($"(?m)^{metric}\\{{{Regex.Escape(labels)}\\}} ([1-9][0-9]*|[0-9]*\\.[0-9]*[1-9][0-9]*|[1-9][0-9.e+]*)$");

    /// <summary>A sample line of the metric (no labels) with any non-negative value.</summary>
    private static Regex Gauge(string metric, string labels) =>
        new($"(?m)^{metric}{(labels.Length == 0 ? "" : "\\{" + Regex.Escape(labels) + "\\}")} [0-9.e+]+$");
}

public sealed class ServerMetricsTestsOnSqlite(SqliteWebhookFixture api) : ServerMetricsTests(api), IClassFixture<SqliteWebhookFixture>;

public sealed class ServerMetricsTestsOnPostgres(PostgresWebhookFixture api) : ServerMetricsTests(api), IClassFixture<PostgresWebhookFixture>;
