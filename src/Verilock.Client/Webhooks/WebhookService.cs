using Verilock.Client.Http;
using Verilock.Client.Json;

namespace Verilock.Client;

/// <summary>The webhook endpoints (spec §12): <c>client.Webhooks</c>, with its endpoints and delivery log.</summary>
public sealed class WebhookService
{
    private readonly ApiRequester _api;

    internal WebhookService(ApiRequester api)
    {
        _api = api;
        Endpoints = new WebhookEndpointService(api);
        Deliveries = new WebhookDeliveryService(api);
    }

    /// <summary>Endpoints: create, list, get, update, delete, rotate their secret.</summary>
    public WebhookEndpointService Endpoints { get; }

    /// <summary>The delivery log and resends.</summary>
    public WebhookDeliveryService Deliveries { get; }

    /// <summary>
    /// Replaces the account's default secret, which signs deliveries to sessions' own <c>webhook_url</c>s
    /// (<c>POST /webhooks/default-secret/rotate</c>). The new secret is shown once.
    /// </summary>
    public Task<WebhookSecret> RotateDefaultSecretAsync(RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Post, "webhooks/default-secret/rotate"), VerilockJsonContext.Default.WebhookSecret, requestOptions, cancellationToken);
}
