using Microsoft.Extensions.Options;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Webhooks;

/// <summary>
/// <c>PATCH /api/v1/webhooks/endpoints/{id}</c>: <c>url</c>, <c>events</c>, <c>description</c>, <c>status</c>.
/// Enabling clears <c>disabled_reason</c> and <c>failing_since</c>; disabling fails the pending deliveries; a new
/// url applies to deliveries still pending.
/// </summary>
public static class UpdateEndpoint
{
    public static async Task<IResult> Handle(
        string id, HttpContext context, VerilockDbContext db, TimeProvider time, IOptions<WebhookOptions> options,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var caller = context.Caller();
        var errors = new ValidationErrors();
        var fields = new JsonFields(body.Root, errors);
        var url = EndpointFields.Url(fields, caller.LiveMode, options.Value);
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

        bool? enabled = status is null ? null : status == "enabled";
        await EndpointChanges.UpdateAsync(db, endpoint, url, events, description, enabled, time.UtcSeconds(), cancellationToken);
        return Results.Json(EndpointResponse.From(endpoint), ApiJson.Options);
    }
}
