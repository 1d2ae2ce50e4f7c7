using Microsoft.Extensions.Options;
using Verilock.Domain.Common;
using Verilock.Infrastructure.Persistence;
using Verilock.Infrastructure.Persistence.Records;
using Verilock.Infrastructure.Serialization;
using Verilock.Server.Api;
using Verilock.Server.Auth;
using Verilock.Server.Hosting;

namespace Verilock.Server.Webhooks;

/// <summary><c>POST /api/v1/webhooks/endpoints</c>: registers an endpoint; the response shows its secret once.</summary>
public static class CreateEndpoint
{
    public static async Task<IResult> Handle(
        HttpContext context, VerilockDbContext db, WebhookSecrets secrets, TimeProvider time, IOptions<VerilockOptions> options,
        CancellationToken cancellationToken)
    {
        var body = await JsonBody.ReadObjectAsync(context.Request, cancellationToken);
        if (body.Error is not null)
            return body.Error;
        var caller = context.Caller();
        var errors = new ValidationErrors();
        var fields = new JsonFields(body.Root, errors);
        var url = EndpointFields.Url(fields, caller.LiveMode, options.Value.Webhooks.AllowInsecureTargets);
        if (url is null && !fields.Has("url"))
            errors.Add("url", "The url field is required.");
        var events = EndpointFields.Events(fields);
        if (events is null && !fields.Has("events"))
            errors.Add("events", "The events field is required.");
        var description = EndpointFields.Description(fields);
        if (errors.Any)
            return errors.ToResult();

        var now = time.UtcSeconds();
        var endpoint = new WebhookEndpoint
        {
            Id = Ids.NewWebhookEndpointId(),
            AccountId = caller.AccountId,
            LiveMode = caller.LiveMode,
            Url = url!,
            Events = events!,
            Description = description,
            SecretCiphertext = "",
            CreatedAt = now,
            UpdatedAt = now,
        };
        var secret = secrets.Issue(endpoint);
        db.WebhookEndpoints.Add(endpoint);
        await db.SaveChangesAsync(cancellationToken);
        context.Response.Headers.Location = $"/api/v1/webhooks/endpoints/{endpoint.Id}";
        return Results.Json(CreatedEndpointResponse.From(endpoint, secret), ApiJson.Options, statusCode: StatusCodes.Status201Created);
    }
}
