using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Aml;
using Verilock.Server.Api;

namespace Verilock.Server.Operations;

/// <summary>Unauthenticated operational endpoints (spec §14). Metrics and OpenAPI are mapped by the host.</summary>
public static class OperationsEndpoints
{
    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        // The version answers "which release is this instance running" during a rolling upgrade.
        app.MapGet("/healthz", () => Results.Json(new { status = "ok", version = Hosting.VerilockVersion.Current }, ApiJson.Options))
            .ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).ExcludeFromDescription();
    }

    /// <summary>
    /// Ready when every dependency this server has answers. <c>models</c> is ok once the OCR and face models
    /// load. <c>aml_lists</c> is ok once at least one sanctions list is in
    /// memory (a failed refresh keeps the last good copy, so it stays ok).
    /// </summary>
    private static async Task<IResult> ReadyAsync(
        VerilockDbContext db, ScreeningIndexHolder amlLists, Checks.CheckModels models, CancellationToken cancellationToken)
    {
        var database = await DatabaseAnswersAsync(db, cancellationToken);
        var modelsLoad = models.TryOcr(out _) is not null && models.TryFaces(out _) is not null;
        var lists = amlLists.IsReady;
        var checks = new Dictionary<string, string>
        {
            ["database"] = database ? "ok" : "fail",
            ["models"] = modelsLoad ? "ok" : "fail",
            ["aml_lists"] = lists ? "ok" : "fail",
        };
        return database && modelsLoad && lists
            ? Results.Json(new { status = "ready", checks }, ApiJson.Options)
            : ApiError.Result(StatusCodes.Status503ServiceUnavailable, "server_error", "The server is not ready.", new { checks });
    }

    private static async Task<bool> DatabaseAnswersAsync(VerilockDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            if (!await db.Database.CanConnectAsync(timeout.Token))
                return false;
            await db.Accounts.AnyAsync(timeout.Token); // the schema is there, not just the server
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
