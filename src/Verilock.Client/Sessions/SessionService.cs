using Verilock.Client.Http;
using Verilock.Client.Json;
using Verilock.Client.Paging;

namespace Verilock.Client;

/// <summary>The session endpoints (spec §8): <c>client.Sessions</c>.</summary>
public sealed class SessionService
{
    private const string Collection = "sessions";
    private readonly ApiRequester _api;

    internal SessionService(ApiRequester api) => _api = api;

    /// <summary>Creates a session (<c>POST /sessions</c>, 201); send the applicant to its <see cref="Session.SessionUrl"/>.</summary>
    public Task<Session> CreateAsync(SessionCreateOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.SessionCreateOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Post, Collection, content: body), VerilockJsonContext.Default.Session, requestOptions, cancellationToken);
    }

    /// <summary>Reads a session (<c>GET /sessions/{id}</c>); a redacted one is its tombstone.</summary>
    public Task<Session> GetAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, ApiPath.Of(Collection, id)), VerilockJsonContext.Default.Session, requestOptions, cancellationToken);

    /// <summary>Reads one page of sessions (<c>GET /sessions</c>), newest first.</summary>
    public Task<Page<SessionListItem>> ListAsync(SessionListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        ListPageAsync(options, options?.Page, requestOptions, cancellationToken);

    /// <summary>
    /// Every session matching <paramref name="options"/>, page after page from <see cref="ListOptions.Page"/> (default 1),
    /// fetching each page when the previous one is used up.
    /// </summary>
    public IAsyncEnumerable<SessionListItem> ListAutoPagingAsync(SessionListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        AutoPaging.WalkAsync((page, ct) => ListPageAsync(options, page, requestOptions, ct), options?.Page ?? 1, s => s.Id, cancellationToken);

    private Task<Page<SessionListItem>> ListPageAsync(SessionListOptions? options, long? page, RequestOptions? requestOptions, CancellationToken cancellationToken) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, Collection, (options ?? new SessionListOptions()).ToQuery(page)),
            VerilockJsonContext.Default.PageSessionListItem, requestOptions, cancellationToken);

    /// <summary>Uploads both sides of the document in one request (<c>POST /sessions/{id}/documents</c>).</summary>
    public async Task<Document> UploadDocumentAsync(string id, DocumentUploadOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = new MultipartBody().Field("type", options.Type);
        await body.FileAsync("front", options.Front, cancellationToken).ConfigureAwait(false);
        await body.FileAsync("back", options.Back, cancellationToken).ConfigureAwait(false);
        return await _api.SendAsync(new ApiRequest(HttpMethod.Post, ApiPath.Of(Collection, id) + "/documents", content: body.Build),
            VerilockJsonContext.Default.Document, requestOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads one side of the document (<c>POST /sessions/{id}/documents</c>, one-side shape); a side uploaded again is replaced.</summary>
    public async Task<Document> UploadDocumentSideAsync(string id, DocumentSideUploadOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = new MultipartBody().Field("side", options.Side).Field("document_type", options.DocumentType);
        await body.FileAsync("file", options.File, cancellationToken).ConfigureAwait(false);
        return await _api.SendAsync(new ApiRequest(HttpMethod.Post, ApiPath.Of(Collection, id) + "/documents", content: body.Build),
            VerilockJsonContext.Default.Document, requestOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Uploads the selfie, JPEG or PNG (<c>POST /sessions/{id}/selfie</c>); a new one replaces it.</summary>
    public async Task<Selfie> UploadSelfieAsync(string id, UploadFile image, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        var body = await new MultipartBody().FileAsync("image", image, cancellationToken).ConfigureAwait(false);
        return await _api.SendAsync(new ApiRequest(HttpMethod.Post, ApiPath.Of(Collection, id) + "/selfie", content: body.Build),
            VerilockJsonContext.Default.Selfie, requestOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Submits the session for checking (<c>POST /sessions/{id}/submit</c>, 202); the decision follows by webhook.</summary>
    public Task<SessionSubmission> SubmitAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Post, ApiPath.Of(Collection, id) + "/submit"), VerilockJsonContext.Default.SessionSubmission, requestOptions, cancellationToken);

    /// <summary>Decides a session in review (<c>POST /sessions/{id}/decision</c>); the same decision again changes nothing.</summary>
    public Task<Session> DecideAsync(string id, SessionDecisionOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.SessionDecisionOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Post, ApiPath.Of(Collection, id) + "/decision", content: body),
            VerilockJsonContext.Default.Session, requestOptions, cancellationToken);
    }

    /// <summary>
    /// Redacts a session (<c>DELETE /sessions/{id}</c>, 204, also when repeated): media and personal data are deleted and
    /// a tombstone is kept. A <c>created</c> session is expired first; a <c>processing</c> one is refused (409).
    /// </summary>
    public Task<VerilockResponse> RedactAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Delete, ApiPath.Of(Collection, id)), requestOptions, cancellationToken);

    /// <summary>The risk breakdown (<c>GET /sessions/{id}/risk</c>), once the session has a decision (409 before).</summary>
    public Task<RiskAssessment> GetRiskAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, ApiPath.Of(Collection, id) + "/risk"), VerilockJsonContext.Default.RiskAssessment, requestOptions, cancellationToken);

    /// <summary>Downloads one side of the document (<c>GET /sessions/{id}/documents/{documentId}/{side}</c>).</summary>
    public Task<MediaDownload> DownloadDocumentAsync(string id, string documentId, string side, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        var path = ApiPath.Of(ApiPath.Of(ApiPath.Of(Collection, id) + "/documents", documentId), side);
        return _api.SendForStreamAsync(new ApiRequest(HttpMethod.Get, path), requestOptions, cancellationToken);
    }

    /// <summary>Downloads the selfie (<c>GET /sessions/{id}/selfie</c>).</summary>
    public Task<MediaDownload> DownloadSelfieAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendForStreamAsync(new ApiRequest(HttpMethod.Get, ApiPath.Of(Collection, id) + "/selfie"), requestOptions, cancellationToken);
}
