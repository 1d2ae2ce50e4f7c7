using Verilock.Infrastructure.Serialization;

namespace Verilock.Server.Operations;

/// <summary>Unauthenticated operational endpoints (spec §14): liveness, and readiness from <see cref="ReadinessChecks"/>. Metrics and OpenAPI are mapped by the host.</summary>
public static class OperationsEndpoints
{
    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        // The version answers "which release is this instance running" during a rolling upgrade.
        app.MapGet("/healthz", () => Results.Json(new { status = "ok", version = Hosting.VerilockVersion.Current }, ApiJson.Options))
            .ExcludeFromDescription();
        app.MapReadiness("/readyz");
    }
}
