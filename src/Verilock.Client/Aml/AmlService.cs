using Verilock.Client.Http;
using Verilock.Client.Json;
using Verilock.Client.Paging;

namespace Verilock.Client;

/// <summary>The AML endpoints (spec §11): <c>client.Aml</c>.</summary>
public sealed class AmlService
{
    private const string Screen = "aml/screen";
    private readonly ApiRequester _api;

    internal AmlService(ApiRequester api) => _api = api;

    /// <summary>Screens a name against the sanctions lists, synchronously (<c>POST /aml/screen</c>, 201).</summary>
    public Task<AmlScreening> ScreenAsync(AmlScreenOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.AmlScreenOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Post, Screen, content: body), VerilockJsonContext.Default.AmlScreening, requestOptions, cancellationToken);
    }

    /// <summary>Reads a screening, monitoring runs included (<c>GET /aml/screen/{id}</c>).</summary>
    public Task<AmlScreening> GetAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, ApiPath.Of(Screen, id)), VerilockJsonContext.Default.AmlScreening, requestOptions, cancellationToken);

    /// <summary>Reads one page of screenings (<c>GET /aml/screenings</c>), newest first.</summary>
    public Task<Page<AmlScreening>> ListAsync(AmlScreeningListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        ListPageAsync(options, options?.Page, requestOptions, cancellationToken);

    /// <summary>Every screening matching <paramref name="options"/>, page after page.</summary>
    public IAsyncEnumerable<AmlScreening> ListAutoPagingAsync(AmlScreeningListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        AutoPaging.WalkAsync((page, ct) => ListPageAsync(options, page, requestOptions, ct), options?.Page ?? 1, s => s.Id, cancellationToken);

    private Task<Page<AmlScreening>> ListPageAsync(AmlScreeningListOptions? options, long? page, RequestOptions? requestOptions, CancellationToken cancellationToken) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, "aml/screenings", (options ?? new AmlScreeningListOptions()).ToQuery(page)),
            VerilockJsonContext.Default.PageAmlScreening, requestOptions, cancellationToken);

    /// <summary>
    /// Records an analyst's decision (<c>POST /aml/screen/{id}/decision</c>). The same decision again is a no-op; the
    /// opposite one, or <c>confirmed_match</c> without matches, is refused (409). Never changes a session.
    /// </summary>
    public Task<AmlScreening> DecideAsync(string id, AmlDecisionOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.AmlDecisionOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Post, ApiPath.Of(Screen, id) + "/decision", content: body),
            VerilockJsonContext.Default.AmlScreening, requestOptions, cancellationToken);
    }

    /// <summary>The lists the server has loaded (<c>GET /aml/lists</c>); test keys also see <c>sandbox</c>.</summary>
    public async Task<IReadOnlyList<AmlList>> GetListsAsync(RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        var lists = await _api.SendAsync(new ApiRequest(HttpMethod.Get, "aml/lists"), VerilockJsonContext.Default.AmlListCollection,
            requestOptions, cancellationToken).ConfigureAwait(false);
        return lists.Data;
    }
}
