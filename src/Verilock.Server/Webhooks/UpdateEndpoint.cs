using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Serialization;
using Verilock.Infrastructure.Webhooks;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Hosting;

namespace Verilock.Server.Webhooks;

/// <summary>
/// <c>PATCH /api/v1/webhooks/endpoints/{id}</c>: <c>url</c>, <c>events</c>, <c>description</c>, <c>status</c>.
/// Enabling clears <c>disabled_reason</c> and <c>failing_since</c>; disabling fails the pending deliveries; a new
/// url applies to deliveries still pending.
/// </summary>
public static class UpdateEndpoint
{
    public static async Task<IResult> Handle(
        string id, HttpContext context, VerilockDbContext db, TimeProvider time, IOptions<VerilockOptions> options,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var caller = context.Caller();
        var errors = new ValidationErrors();
        var fields = new JsonFields(body.Root, errors);
        var url = EndpointFields.Url(fields, caller.LiveMode, options.Value.Webhooks.AllowInsecureTargets);
        var events = EndpointFields.Events(fields);
        var description = EndpointFields.Description(fields);
        var status = fields.String("status", 16);
        if (status is not null and not ("enabled" or "disabled"))
            errors.Add("status", "The selected status is invalid. Allowed: enabled, disabled.");
        if (errors.Any)
            return errors.ToResult();

        var endpoint = await GetEndpoint.FindOwnedAsync(db, caller, id, cancellationToken);
        if (endpoint is null)
            return GetEndpoint.NotFound();

        await db.WriteTransactionAsync(async ct =>
        {
            // The endpoint before its deliveries (see WebhookQueue.LockEndpointAsync).
            await WebhookQueue.LockEndpointAsync(db, endpoint.Id, ct);
            if (url is not null && url != endpoint.Url)
            {
                endpoint.Url = url;
                await db.WebhookDeliveries.Where(d => d.EndpointId == endpoint.Id && d.Status == WebhookDelivery.Pending)
                    .ExecuteUpdateAsync(d => d.SetProperty(x => x.Url, url), ct);
            }
            if (events is not null)
                endpoint.Events = events;
            if (description is not null)
                endpoint.Description = description;
            if (status == "enabled" && !endpoint.Enabled)
            {
                endpoint.Enabled = true;
                endpoint.DisabledReason = null;
                endpoint.FailingSince = null;
            }
            else if (status == "disabled" && endpoint.Enabled)
            {
                endpoint.Enabled = false;
                await WebhookQueue.FailPendingAsync(db, endpoint.Id, ct);
            }
            endpoint.UpdatedAt = time.UtcSeconds();
            return await db.SaveChangesAsync(ct);
        }, cancellationToken);
        return Results.Json(EndpointResponse.From(endpoint), ApiJson.Options);
    }
}
