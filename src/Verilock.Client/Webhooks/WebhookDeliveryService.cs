using Verilock.Client.Http;
using Verilock.Client.Json;
using Verilock.Client.Paging;

namespace Verilock.Client;

/// <summary>The delivery log (spec §12.6): <c>client.Webhooks.Deliveries</c>.</summary>
public sealed class WebhookDeliveryService
{
    private const string Collection = "webhooks/deliveries";
    private readonly ApiRequester _api;

    internal WebhookDeliveryService(ApiRequester api) => _api = api;

    /// <summary>Reads one page of deliveries, newest first.</summary>
    public Task<Page<WebhookDelivery>> ListAsync(WebhookDeliveryListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        ListPageAsync(options, options?.Page, requestOptions, cancellationToken);

    /// <summary>Every delivery matching <paramref name="options"/>, page after page.</summary>
    public IAsyncEnumerable<WebhookDelivery> ListAutoPagingAsync(WebhookDeliveryListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        AutoPaging.WalkAsync((page, ct) => ListPageAsync(options, page, requestOptions, ct), options?.Page ?? 1, d => d.WebhookId, cancellationToken);

    private Task<Page<WebhookDelivery>> ListPageAsync(WebhookDeliveryListOptions? options, long? page, RequestOptions? requestOptions, CancellationToken cancellationToken) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, Collection, (options ?? new WebhookDeliveryListOptions()).ToQuery(page)),
            VerilockJsonContext.Default.PageWebhookDelivery, requestOptions, cancellationToken);

    /// <summary>
    /// Sends a delivery again now, same body and <c>webhook_id</c> (<c>POST …/{webhookId}/resend</c>, 202). Refused (409)
    /// when its endpoint is deleted or disabled or its payload was redacted.
    /// </summary>
    public Task<WebhookDelivery> ResendAsync(string webhookId, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Post, ApiPath.Of(Collection, webhookId) + "/resend"), VerilockJsonContext.Default.WebhookDelivery, requestOptions, cancellationToken);
}
