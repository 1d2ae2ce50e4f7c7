using System.Diagnostics;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Verilock.Server.Operations;

namespace Verilock.Server.Hosting;

/// <summary>
/// OpenTelemetry traces and metrics — ASP.NET Core, HttpClient (webhook deliveries, list downloads), Npgsql and the
/// server's own meter — exported over OTLP when the standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (an
/// environment variable or any configuration source), with the SDK's other <c>OTEL_*</c> settings (protocol, headers,
/// service name, batch delays) read as the SDK documents them. Without it nothing is collected: no cost, no surprise.
/// What leaves the server is stripped of secrets: the hosted flow's token in <c>/verify/{token}</c> paths, and the
/// path and query of webhook targets (a Slack-style URL carries its secret in the path).
/// </summary>
public static class Telemetry
{
    public const string EndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private const string FlowPrefix = "/verify/";

    public static void AddVerilockTelemetry(this WebApplicationBuilder builder)
    {
        if (string.IsNullOrWhiteSpace(builder.Configuration[EndpointSetting]))
            return;
        ServerMetrics.Register();
        var telemetry = builder.Services.AddOpenTelemetry();
        if (string.IsNullOrWhiteSpace(builder.Configuration["OTEL_SERVICE_NAME"]))
            telemetry.ConfigureResource(resource => resource.AddService("verilock", serviceVersion: VerilockVersion.Current));
        telemetry
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(aspNetCore =>
                {
                    aspNetCore.Filter = context => !IsOperational(context.Request.Path);
                    aspNetCore.EnrichWithHttpRequest = (activity, request) => HideFlowToken(activity, request.Path.Value);
                })
                .AddHttpClientInstrumentation(http =>
                    http.EnrichWithHttpRequestMessage = (activity, request) => KeepOriginOnly(activity, request.RequestUri))
                .AddNpgsql())
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddMeter(ServerMetrics.MeterName))
            .UseOtlpExporter();
    }

    /// <summary>The flow path with its token replaced by the route's placeholder, or null for any other path.</summary>
    public static string? WithoutFlowToken(string? path)
    {
        if (path is null || !path.StartsWith(FlowPrefix, StringComparison.Ordinal) || path.Length == FlowPrefix.Length)
            return null;
        var afterToken = path.IndexOf('/', FlowPrefix.Length);
        return FlowPrefix + "{token}" + (afterToken < 0 ? "" : path[afterToken..]);
    }

    private static void HideFlowToken(Activity activity, string? path)
    {
        // The flow's static assets live under /verify/assets/…: no token there.
        if (path is null || path.StartsWith(Verify.FlowAssets.Prefix, StringComparison.Ordinal) || WithoutFlowToken(path) is not { } hidden)
            return;
        activity.SetTag("url.path", hidden);
        activity.DisplayName = $"{activity.GetTagItem("http.request.method")} {hidden}";
    }

    private static void KeepOriginOnly(Activity activity, Uri? target)
    {
        if (target is { IsAbsoluteUri: true })
            activity.SetTag("url.full", target.GetLeftPart(UriPartial.Authority) + "/");
    }

    private static bool IsOperational(PathString path) =>
        path.StartsWithSegments("/metrics") || path.StartsWithSegments("/healthz") || path.StartsWithSegments("/readyz");
}
