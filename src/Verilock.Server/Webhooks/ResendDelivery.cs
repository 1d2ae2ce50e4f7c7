using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Webhooks;

/// <summary>
/// <c>POST /api/v1/webhooks/deliveries/{webhook_id}/resend</c> → 202: one more attempt right away, same body and
/// <c>webhook_id</c>, attempt count continuing. 409 when the endpoint is deleted or disabled, or the payload redacted.
/// </summary>
public static class ResendDelivery
{
    public static async Task<IResult> Handle(
        string webhookId, HttpContext context, VerilockDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var delivery = await DeliveryResend.FindOwnedAsync(db, context.Caller(), webhookId, cancellationToken);
        if (delivery is null)
            return ApiError.NotFound("No such webhook delivery.");
        if (await DeliveryResend.QueueAsync(db, delivery, time, cancellationToken) is { } conflict)
            return ApiError.Conflict(conflict);
        return Results.Json(DeliveryResponse.From(delivery), ApiJson.Options, statusCode: StatusCodes.Status202Accepted);
    }
}
