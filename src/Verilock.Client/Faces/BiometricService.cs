using System.Globalization;
using Verilock.Client.Http;
using Verilock.Client.Json;

namespace Verilock.Client;

/// <summary>The face products (spec §20): <c>client.Biometrics</c> — re-authentication and face search.</summary>
public sealed class BiometricService
{
    private const string Checks = "auth/biometric";
    private const string Searches = "face-search";
    private readonly ApiRequester _api;

    internal BiometricService(ApiRequester api) => _api = api;

    /// <summary>
    /// Starts a re-authentication (<c>POST /auth/biometric</c>, 202): the photo is compared with the session's face on
    /// the server's workers. Poll <see cref="GetAsync"/> (or wait for <c>biometric.completed</c>) for the result.
    /// </summary>
    public async Task<BiometricCheckStarted> CreateAsync(BiometricCheckOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = new MultipartBody().Field("session_id", options.SessionId)
            .Field("threshold", options.Threshold?.ToString(CultureInfo.InvariantCulture))
            .Field("device_info", options.DeviceInfoJson);
        await body.FileAsync("file", options.Photo, cancellationToken).ConfigureAwait(false);
        return await _api.SendAsync(new ApiRequest(HttpMethod.Post, Checks, content: body.Build),
            VerilockJsonContext.Default.BiometricCheckStarted, requestOptions, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a re-authentication (<c>GET /auth/biometric/{id}</c>).</summary>
    public Task<BiometricCheck> GetAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, ApiPath.Of(Checks, id)), VerilockJsonContext.Default.BiometricCheck, requestOptions, cancellationToken);

    /// <summary>
    /// Waits for a re-authentication to complete, reading it every <paramref name="pollInterval"/> (default 500 ms)
    /// until it is, or <paramref name="cancellationToken"/> ends the wait.
    /// </summary>
    public async Task<BiometricCheck> WaitAsync(string id, TimeSpan? pollInterval = null, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var check = await GetAsync(id, requestOptions, cancellationToken).ConfigureAwait(false);
            if (check.IsCompleted)
                return check;
            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Searches the session's face among the account's other faces (<c>POST /face-search</c>, 201).</summary>
    public Task<FaceSearch> SearchAsync(FaceSearchOptions options, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var body = JsonBodies.Of(options, VerilockJsonContext.Default.FaceSearchOptions);
        return _api.SendAsync(new ApiRequest(HttpMethod.Post, Searches, content: body), VerilockJsonContext.Default.FaceSearch, requestOptions, cancellationToken);
    }

    /// <summary>Reads a face search again (<c>GET /face-search/{id}</c>).</summary>
    public Task<FaceSearch> GetSearchAsync(string id, RequestOptions? requestOptions = null, CancellationToken cancellationToken = default) =>
        _api.SendAsync(new ApiRequest(HttpMethod.Get, ApiPath.Of(Searches, id)), VerilockJsonContext.Default.FaceSearch, requestOptions, cancellationToken);
}
