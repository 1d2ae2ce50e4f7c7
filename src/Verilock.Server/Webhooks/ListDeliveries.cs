using Microsoft.EntityFrameworkCore;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Webhooks;

/// <summary>
/// <c>GET /api/v1/webhooks/deliveries</c> (spec §12.6): the delivery log, newest first, filtered by
/// <c>endpoint_id</c>, <c>status</c>, <c>event</c>, <c>session_id</c> and the §6 dates.
/// </summary>
public static class ListDeliveries
{
    private static readonly string[] Statuses = [WebhookDelivery.Pending, WebhookDelivery.Succeeded, WebhookDelivery.Failed];

    public static async Task<IResult> Handle(HttpContext context, VerilockDbContext db, CancellationToken cancellationToken)
    {
        var q = context.Request.Query;
        var errors = new ValidationErrors();
        var page = Pagination.Read(q, errors);
        var status = Pagination.Last(q, "status");
        if (status is not null && !Statuses.Contains(status))
            errors.Add("status", "The selected status is invalid. Allowed: pending, succeeded, failed.");
        var eventName = Pagination.Last(q, "event");
        if (eventName is not null && !WebhookEvents.Names.Contains(eventName))
            errors.Add("event", $"The selected event is invalid. Allowed: {string.Join(", ", WebhookEvents.Names)}.");
        var endpointId = Pagination.Last(q, "endpoint_id");
        var sessionId = Pagination.Last(q, "session_id");
        foreach (var (name, value) in new[] { ("endpoint_id", endpointId), ("session_id", sessionId) })
        {
            if (value is { Length: > 40 })
                errors.Add(name, $"The {name} must not be greater than 40 characters.");
        }
        if (errors.Any || page is null)
            return errors.ToResult();

        var caller = context.Caller();
        var query = db.WebhookDeliveries.AsNoTracking().Where(d => d.AccountId == caller.AccountId && d.LiveMode == caller.LiveMode);
        if (endpointId is not null)
            query = query.Where(d => d.EndpointId == endpointId);
        if (status is not null)
            query = query.Where(d => d.Status == status);
        if (eventName is not null)
            query = query.Where(d => d.EventType == eventName);
        if (sessionId is not null)
            query = query.Where(d => d.SessionId == sessionId);
        if (page.CreatedFrom is { } from)
            query = query.Where(d => d.CreatedAt >= from);
        if (page.CreatedBefore is { } before)
            query = query.Where(d => d.CreatedAt < before);

        var total = await query.LongCountAsync(cancellationToken);
        var items = page.Offset >= total
            ? []
            : await query.OrderByDescending(d => d.CreatedAt).ThenByDescending(d => d.WebhookId)
                .Skip((int)page.Offset).Take(page.PerPage).ToListAsync(cancellationToken);
        return Results.Json(new ListResponse<DeliveryResponse>(items.Select(DeliveryResponse.From).ToList(), page.Meta(total)), ApiJson.Options);
    }
}
