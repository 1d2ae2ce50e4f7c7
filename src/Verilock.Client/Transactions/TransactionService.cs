using Verilock.Client.Http;
using Verilock.Client.Json;
using Verilock.Client.Paging;

namespace Verilock.Client;

/// <summary>Transaction monitoring (spec §19): <c>client.Transactions</c>.</summary>
public sealed class TransactionService
{
    private const string Collection = "transactions";
    private readonly ApiRequester _api;

    internal TransactionService(ApiRequester api) => _api = api;

    /// <summary>The transaction types and the risk factors screened for each (<c>GET /transactions/types</c>).</summary>
    public async Task<IReadOnlyList<TransactionType>> GetTypesAsync(RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        var types = await _api.SendAsync(new ApiRequest(HttpMethod.Get, Collection + "/types"), VerilockJsonContext.Default.TransactionTypeCollection,
            requestOptions, cancellationToken).ConfigureAwait(false);
        return types.Data;
    }

    /// <summary>
    /// Screens one transaction against the built-in rules and the sanctions lists and stores it (<c>POST /transactions/screen</c>,
    /// 201). A live key gets a 503 (retried) until the lists have loaded.
    /// </summary>
    public Task<Transaction> ScreenAsync(TransactionScreenOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.TransactionScreenOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Post, Collection + "/screen", content: body),
            VerilockJsonContext.Default.Transaction, requestOptions, cancellationToken);
    }

    /// <summary>
    /// Screens up to 100 transactions together (<c>POST /transactions/screen/batch</c>, 200). One invalid item is a 422
    /// naming <c>transactions.&lt;index&gt;.&lt;field&gt;</c>, and nothing is stored.
    /// </summary>
    public Task<TransactionBatch> ScreenBatchAsync(
        IReadOnlyList<TransactionScreenOptions> transactions, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transactions);
        var body = JsonBodies.Of(new TransactionBatchBody(transactions), VerilockJsonContext.Default.TransactionBatchBody);
        return _api.SendAsync(new ApiRequest(HttpMethod.Post, Collection + "/screen/batch", content: body),
            VerilockJsonContext.Default.TransactionBatch, requestOptions, cancellationToken);
    }

    /// <summary>Reads a transaction; another account's or mode's is a 404.</summary>
    public Task<Transaction> GetAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, ApiPath.Of(Collection, id)), VerilockJsonContext.Default.Transaction, requestOptions, cancellationToken);

    /// <summary>Reads one page of transactions (<c>GET /transactions</c>), newest first.</summary>
    public Task<Page<Transaction>> ListAsync(TransactionListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        ListPageAsync(options, options?.Page, requestOptions, cancellationToken);

    /// <summary>Every transaction matching <paramref name="options"/>, page after page.</summary>
    public IAsyncEnumerable<Transaction> ListAutoPagingAsync(
        TransactionListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        AutoPaging.WalkAsync((page, ct) => ListPageAsync(options, page, requestOptions, ct), options?.Page ?? 1, t => t.Id, cancellationToken);

    private Task<Page<Transaction>> ListPageAsync(TransactionListOptions? options, long? page, RequestOptions? requestOptions, CancellationToken cancellationToken) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, Collection, (options ?? new TransactionListOptions()).ToQuery(page)),
            VerilockJsonContext.Default.PageTransaction, requestOptions, cancellationToken);

    /// <summary>
    /// Approves, blocks or escalates a transaction (<c>POST /transactions/{id}/decision</c>, 200). The same decision again
    /// is answered unchanged; another after approve or block is refused (409).
    /// </summary>
    public Task<TransactionDecisionResult> DecideAsync(
        string id, TransactionDecisionOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.TransactionDecisionOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Post, ApiPath.Of(Collection, id) + "/decision", content: body),
            VerilockJsonContext.Default.TransactionDecisionResult, requestOptions, cancellationToken);
    }

    /// <summary>The account's rule thresholds for the key's mode (<c>GET /transactions/settings</c>).</summary>
    public Task<TransactionSettings> GetSettingsAsync(RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, Collection + "/settings"), VerilockJsonContext.Default.TransactionSettings,
            requestOptions, cancellationToken);

    /// <summary>
    /// Replaces the account's overrides for the key's mode whole (<c>PUT /transactions/settings</c>): a value left null goes
    /// back to the server's, an empty <see cref="TransactionThresholds"/> clears them all. A bad value is a 422 naming it
    /// (<c>amount_thresholds.ABC</c>), and nothing is stored.
    /// </summary>
    public Task<TransactionSettings> UpdateSettingsAsync(
        TransactionThresholds overrides, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var body = JsonBodies.Of(overrides, VerilockJsonContext.Default.TransactionThresholds);
        return _api.SendAsync(new ApiRequest(HttpMethod.Put, Collection + "/settings", content: body),
            VerilockJsonContext.Default.TransactionSettings, requestOptions, cancellationToken);
    }
}
