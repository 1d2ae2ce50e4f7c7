using System.Text.Json;
using Verilock.Domain.Transactions;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Transactions;

/// <summary>
/// <c>POST /api/v1/transactions/screen/batch</c> (spec §19): up to 100 transactions screened and stored together;
/// one invalid item is a 422 naming <c>transactions.&lt;index&gt;.&lt;field&gt;</c> and nothing is stored.
/// </summary>
public static class ScreenTransactionBatch
{
    public const int MaxItems = 100;

    public static async Task<IResult> Handle(
        HttpContext context, TransactionScreening screening, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var caller = context.Caller();
        if (!screening.IsAvailable(caller.LiveMode))
            return ApiError.Unavailable(retryAfterSeconds: 5);
        var errors = new ValidationErrors();
        var requests = Read(body.Root, errors, time.GetUtcNow().UtcDateTime);
        if (requests is null)
            return errors.ToResult();
        await TransactionSessions.CheckAsync(db, caller, requests, i => $"transactions.{i}.", errors, cancellationToken);
        if (errors.Any)
            return errors.ToResult();

        var screened = await screening.ScreenAsync(caller, requests, cancellationToken);
        var results = screened.Select(t => new BatchResult(t.Id, t.ReferenceId, t.RiskScore, t.RiskLevel, t.Recommendation.ToWire())).ToList();
        var summary = new BatchSummary(
            screened.Count,
            screened.Count(t => t.Recommendation == TransactionRecommendation.Approve),
            screened.Count(t => t.Recommendation == TransactionRecommendation.Review),
            screened.Count(t => t.Recommendation == TransactionRecommendation.Block));
        return Results.Json(new BatchResponse(results, summary), ApiJson.Options);
    }

    private static List<TransactionRequest>? Read(JsonElement root, ValidationErrors errors, DateTime now)
    {
        if (!root.TryGetProperty("transactions", out var items) || items.ValueKind == JsonValueKind.Null)
        {
            errors.Add("transactions", "The transactions field is required.");
            return null;
        }
        if (items.ValueKind != JsonValueKind.Array)
        {
            errors.Add("transactions", "The transactions must be an array.");
            return null;
        }
        var count = items.GetArrayLength();
        if (count is 0 or > MaxItems)
        {
            errors.Add("transactions", $"The transactions must have between 1 and {MaxItems} items.");
            return null;
        }
        var requests = new List<TransactionRequest>(count);
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var path = $"transactions.{index}";
            if (item.ValueKind != JsonValueKind.Object)
                errors.Add(path, $"The {path} must be an object.");
            else if (TransactionRequestReader.Read(new JsonFields(item, errors, path + "."), now) is { } request)
                requests.Add(request);
            index++;
        }
        return errors.Any ? null : requests;
    }
}
