using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Aml;
using Verilock.Server.Api;

namespace Verilock.Server.Operations;

/// <summary>
/// What <c>/readyz</c> asks (spec §14), as ASP.NET Core health checks so a deploy can add its own or reuse these:
/// <c>database</c> answers (and has the schema, not just a server), <c>models</c> load (OCR and face), <c>aml_lists</c>
/// has at least one sanctions list in memory (a failed refresh keeps the last good copy, so it stays healthy). The
/// response is the one the API always gave: <c>{"status":"ready","checks":{…}}</c>, or 503 with the error body.
/// </summary>
public static class ReadinessChecks
{
    public const string Tag = "ready";

    public static IServiceCollection AddReadinessChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseAnswers>("database", tags: [Tag])
            .AddCheck<ModelsLoad>("models", tags: [Tag])
            .AddCheck<ListsInMemory>("aml_lists", tags: [Tag]);
        return services;
    }

    public static void MapReadiness(this IEndpointRouteBuilder app, string path) =>
        app.MapHealthChecks(path, new HealthCheckOptions { Predicate = check => check.Tags.Contains(Tag), ResponseWriter = WriteAsync })
            .ExcludeFromDescription();

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        var checks = report.Entries.ToDictionary(e => e.Key, e => e.Value.Status == HealthStatus.Healthy ? "ok" : "fail");
        var result = report.Status == HealthStatus.Healthy
            ? Results.Json(new { status = "ready", checks }, ApiJson.Options)
            : ApiError.Result(StatusCodes.Status503ServiceUnavailable, "server_error", "The server is not ready.", new { checks });
        return result.ExecuteAsync(context);
    }

    private sealed class DatabaseAnswers(VerilockDbContext db) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                if (!await db.Database.CanConnectAsync(timeout.Token))
                    return HealthCheckResult.Unhealthy("The database does not answer.");
                await db.Accounts.AnyAsync(timeout.Token); // the schema is there, not just the server
                return HealthCheckResult.Healthy();
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Not the exception: its message can name the host and user. The log of the request that failed has it.
                return HealthCheckResult.Unhealthy("The database does not answer.");
            }
        }
    }

    private sealed class ModelsLoad(Checks.CheckModels models) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(models.TryOcr(out _) is not null && models.TryFaces(out _) is not null
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The OCR or face models do not load; run scripts/setup."));
    }

    private sealed class ListsInMemory(ScreeningIndexHolder lists) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            Task.FromResult(lists.IsReady ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("No sanctions list is loaded yet."));
    }
}
