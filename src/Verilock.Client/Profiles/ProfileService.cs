using Verilock.Client.Http;
using Verilock.Client.Json;
using Verilock.Client.Paging;

namespace Verilock.Client;

/// <summary>Verification profiles (spec §17): <c>client.Profiles</c>.</summary>
public sealed class ProfileService
{
    private const string Collection = "profiles";
    private readonly ApiRequester _api;

    internal ProfileService(ApiRequester api) => _api = api;

    /// <summary>Creates a profile of the key's account and mode (<c>POST /profiles</c>, 201).</summary>
    public Task<Profile> CreateAsync(ProfileCreateOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.ProfileCreateOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Post, Collection, content: body), VerilockJsonContext.Default.Profile, requestOptions, cancellationToken);
    }

    /// <summary>Reads a profile; a deleted one is a 404.</summary>
    public Task<Profile> GetAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, ApiPath.Of(Collection, id)), VerilockJsonContext.Default.Profile, requestOptions, cancellationToken);

    /// <summary>Reads one page of profiles, newest first.</summary>
    public Task<Page<Profile>> ListAsync(ListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        ListPageAsync(options, options?.Page, requestOptions, cancellationToken);

    /// <summary>Every profile, page after page.</summary>
    public IAsyncEnumerable<Profile> ListAutoPagingAsync(ListOptions? options = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        AutoPaging.WalkAsync((page, ct) => ListPageAsync(options, page, requestOptions, ct), options?.Page ?? 1, p => p.Id, cancellationToken);

    private Task<Page<Profile>> ListPageAsync(ListOptions? options, long? page, RequestOptions? requestOptions, CancellationToken cancellationToken) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, Collection, (options ?? new ListOptions()).ToQuery(page)),
            VerilockJsonContext.Default.PageProfile, requestOptions, cancellationToken);

    /// <summary>Changes a profile (<c>PATCH</c>); only the options set are sent. Existing sessions keep their settings.</summary>
    public Task<Profile> UpdateAsync(string id, ProfileUpdateOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.ProfileUpdateOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Patch, ApiPath.Of(Collection, id), content: body),
            VerilockJsonContext.Default.Profile, requestOptions, cancellationToken);
    }

    /// <summary>Deletes a profile (204): new sessions naming it are refused; sessions made with it are unaffected.</summary>
    public Task<VerilockResponse> DeleteAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Delete, ApiPath.Of(Collection, id)), requestOptions, cancellationToken);
}
