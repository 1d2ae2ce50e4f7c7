using Verilock.Client.Http;
using Verilock.Client.Json;
using Verilock.Client.Paging;

namespace Verilock.Client;

/// <summary>Orchestration rules (spec §18): <c>client.Rules</c>.</summary>
public sealed class RuleService
{
    private const string Collection = "orchestration/rules";
    private readonly ApiRequester _api;

    internal RuleService(ApiRequester api) => _api = api;

    /// <summary>Creates a rule of the key's account and mode (<c>POST /orchestration/rules</c>, 201); it runs from the next decision on.</summary>
    public Task<Rule> CreateAsync(RuleCreateOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.RuleCreateOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Post, Collection, content: body), VerilockJsonContext.Default.Rule, requestOptions, cancellationToken);
    }

    /// <summary>Reads a rule; a deleted one, or another account's, is a 404.</summary>
    public Task<Rule> GetAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, ApiPath.Of(Collection, id)), VerilockJsonContext.Default.Rule, requestOptions, cancellationToken);

    /// <summary>Reads one page of rules in the order they run: <c>priority</c> ascending, then creation.</summary>
    public Task<Page<Rule>> ListAsync(ListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        ListPageAsync(options, options?.Page, requestOptions, cancellationToken);

    /// <summary>Every rule, page after page, in the order they run.</summary>
    public IAsyncEnumerable<Rule> ListAutoPagingAsync(ListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        AutoPaging.WalkAsync((page, ct) => ListPageAsync(options, page, requestOptions, ct), options?.Page ?? 1, r => r.Id, cancellationToken);

    private Task<Page<Rule>> ListPageAsync(ListOptions? options, long? page, RequestOptions? requestOptions, CancellationToken cancellationToken) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, Collection, (options ?? new ListOptions()).ToQuery(page)),
            VerilockJsonContext.Default.PageRule, requestOptions, cancellationToken);

    /// <summary>Changes a rule (<c>PATCH</c>); only the options set are sent. Sessions already decided keep their log.</summary>
    public Task<Rule> UpdateAsync(string id, RuleUpdateOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.RuleUpdateOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Patch, ApiPath.Of(Collection, id), content: body),
            VerilockJsonContext.Default.Rule, requestOptions, cancellationToken);
    }

    /// <summary>Deletes a rule (204): it stops running at once; sessions it decided keep their <c>decided_by</c>.</summary>
    public Task<VerilockResponse> DeleteAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Delete, ApiPath.Of(Collection, id)), requestOptions, cancellationToken);

    /// <summary>
    /// Replays a draft rule, with the enabled rules, over stored decided sessions and reports the decisions it would
    /// change (<c>POST /orchestration/rules/simulate</c>, 200). Nothing is stored or changed.
    /// </summary>
    public Task<RuleSimulation> SimulateAsync(RuleSimulateOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.RuleSimulateOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Post, Collection + "/simulate", content: body),
            VerilockJsonContext.Default.RuleSimulation, requestOptions, cancellationToken);
    }
}
