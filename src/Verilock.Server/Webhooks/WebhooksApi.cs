using Verilock.Server.Api;

namespace Verilock.Server.Webhooks;

/// <summary>Maps the webhook endpoints under <c>/api/v1/webhooks</c> (spec §12).</summary>
public static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooks(this RouteGroupBuilder api)
    {
        var webhooks = api.MapGroup("/webhooks").WithTags("Webhooks");
        ShownOnceResponse.On(webhooks.MapPost("/endpoints", CreateEndpoint.Handle))
            .WithName("CreateWebhookEndpoint")
            .WithSummary("Create a webhook endpoint (its signing secret is shown once)")
            .DocumentJsonBody<EndpointRequestDoc>()
            .Produces<CreatedEndpointResponse>(StatusCodes.Status201Created)
            .DocumentExamples(OpenApiExamples.EndpointRequest, StatusCodes.Status201Created, OpenApiExamples.CreatedEndpoint);
        webhooks.MapGet("/endpoints", ListEndpoints.Handle)
            .WithName("ListWebhookEndpoints")
            .WithSummary("List webhook endpoints")
            .DocumentListQuery()
            .Produces<ListResponse<EndpointResponse>>();
        webhooks.MapGet("/endpoints/{id}", GetEndpoint.Handle)
            .WithName("GetWebhookEndpoint")
            .WithSummary("A webhook endpoint")
            .Produces<EndpointResponse>();
        webhooks.MapPatch("/endpoints/{id}", UpdateEndpoint.Handle)
            .WithName("UpdateWebhookEndpoint")
            .WithSummary("Change a webhook endpoint's URL, events or state")
            .DocumentJsonBody<EndpointUpdateDoc>()
            .Produces<EndpointResponse>();
        webhooks.MapDelete("/endpoints/{id}", DeleteEndpoint.Handle)
            .WithName("DeleteWebhookEndpoint")
            .WithSummary("Delete a webhook endpoint")
            .Produces(StatusCodes.Status204NoContent);
        ShownOnceResponse.On(webhooks.MapPost("/endpoints/{id}/rotate-secret", RotateSecrets.RotateEndpoint))
            .WithName("RotateWebhookEndpointSecret")
            .WithSummary("Rotate an endpoint's signing secret (the old one stays valid for 24 h)")
            .Produces<RotateSecrets.EndpointSecretResponse>();
        ShownOnceResponse.On(webhooks.MapPost("/default-secret/rotate", RotateSecrets.RotateDefault))
            .WithName("RotateWebhookDefaultSecret")
            .WithSummary("Rotate the secret of sessions' own webhook_url deliveries")
            .Produces<RotateSecrets.DefaultSecretResponse>();
        webhooks.MapGet("/deliveries", ListDeliveries.Handle)
            .WithName("ListWebhookDeliveries")
            .WithSummary("The webhook delivery log, with filters")
            .DocumentListQuery(("endpoint_id", "Deliveries to this endpoint"), ("status", "pending, succeeded or failed"),
                ("event", "An event name"), ("session_id", "Deliveries about this session"))
            .Produces<ListResponse<DeliveryResponse>>();
        webhooks.MapPost("/deliveries/{webhookId}/resend", ResendDelivery.Handle)
            .WithName("ResendWebhookDelivery")
            .WithSummary("Send a delivery again")
            .Produces<DeliveryResponse>(StatusCodes.Status202Accepted);
        return api;
    }

    /// <summary>Request shapes for the OpenAPI document; bodies are read field by field for exact 422s.</summary>
    public sealed record EndpointRequestDoc(string Url, string[] Events, string? Description);

    public sealed record EndpointUpdateDoc(string? Url, string[]? Events, string? Description, string? Status);
}
