using Verilock.Client.Http;
using Verilock.Client.Json;
using Verilock.Client.Paging;

namespace Verilock.Client;

/// <summary>Webhook endpoints (spec §12.1): <c>client.Webhooks.Endpoints</c>.</summary>
public sealed class WebhookEndpointService
{
    private const string Collection = "webhooks/endpoints";
    private readonly ApiRequester _api;

    internal WebhookEndpointService(ApiRequester api) => _api = api;

    /// <summary>
    /// Creates an endpoint (<c>POST /webhooks/endpoints</c>, 201); <see cref="WebhookEndpoint.Secret"/> is shown only
    /// here. The server keeps no replay of this answer: a repeat with the same idempotency key gets a 409.
    /// </summary>
    public Task<WebhookEndpoint> CreateAsync(WebhookEndpointCreateOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.WebhookEndpointCreateOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Post, Collection, content: body), VerilockJsonContext.Default.WebhookEndpoint, requestOptions, cancellationToken);
    }

    /// <summary>Reads an endpoint.</summary>
    public Task<WebhookEndpoint> GetAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, ApiPath.Of(Collection, id)), VerilockJsonContext.Default.WebhookEndpoint, requestOptions, cancellationToken);

    /// <summary>Reads one page of endpoints, newest first.</summary>
    public Task<Page<WebhookEndpoint>> ListAsync(ListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        ListPageAsync(options, options?.Page, requestOptions, cancellationToken);

    /// <summary>Every endpoint, page after page.</summary>
    public IAsyncEnumerable<WebhookEndpoint> ListAutoPagingAsync(ListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        AutoPaging.WalkAsync((page, ct) => ListPageAsync(options, page, requestOptions, ct), options?.Page ?? 1, e => e.Id, cancellationToken);

    private Task<Page<WebhookEndpoint>> ListPageAsync(ListOptions? options, long? page, RequestOptions? requestOptions, CancellationToken cancellationToken) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, Collection, (options ?? new ListOptions()).ToQuery(page)),
            VerilockJsonContext.Default.PageWebhookEndpoint, requestOptions, cancellationToken);

    /// <summary>Changes an endpoint (<c>PATCH</c>); only the options set are sent.</summary>
    public Task<WebhookEndpoint> UpdateAsync(string id, WebhookEndpointUpdateOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.WebhookEndpointUpdateOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Patch, ApiPath.Of(Collection, id), content: body),
            VerilockJsonContext.Default.WebhookEndpoint, requestOptions, cancellationToken);
    }

    /// <summary>Deletes an endpoint (204).</summary>
    public Task<VerilockResponse> DeleteAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Delete, ApiPath.Of(Collection, id)), requestOptions, cancellationToken);

    /// <summary>
    /// Gives the endpoint a new secret, shown once (<c>POST …/rotate-secret</c>). For 24 h deliveries are signed with the
    /// new and the old secret, so receivers can switch without losing any.
    /// </summary>
    public Task<WebhookSecret> RotateSecretAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Post, ApiPath.Of(Collection, id) + "/rotate-secret"), VerilockJsonContext.Default.WebhookSecret, requestOptions, cancellationToken);
}
