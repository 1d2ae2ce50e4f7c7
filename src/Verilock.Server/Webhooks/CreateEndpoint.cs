using Microsoft.Extensions.Options;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;

namespace Verilock.Server.Webhooks;

/// <summary><c>POST /api/v1/webhooks/endpoints</c>: registers an endpoint; the response shows its secret once.</summary>
public static class CreateEndpoint
{
    public static async Task<IResult> Handle(
        HttpContext context, VerilockDbContext db, WebhookSecrets secrets, TimeProvider time, IOptions<WebhookOptions> options,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var caller = context.Caller();
        var errors = new ValidationErrors();
        var fields = new JsonFields(body.Root, errors);
        var url = EndpointFields.Url(fields, caller.LiveMode, options.Value);
        if (url is null && !fields.Has("url"))
            errors.Add("url", "The url field is required.");
        var events = EndpointFields.Events(fields);
        if (events is null && !fields.Has("events"))
            errors.Add("events", "The events field is required.");
        var description = EndpointFields.Description(fields);
        if (errors.Any)
            return errors.ToResult();

        var (endpoint, secret) = await EndpointChanges.CreateAsync(
            db, secrets, caller, url!, events!, description, time.UtcMicroseconds(), cancellationToken);
        context.Response.Headers.Location = $"/api/v1/webhooks/endpoints/{endpoint.Id}";
        return Results.Json(CreatedEndpointResponse.From(endpoint, secret), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
