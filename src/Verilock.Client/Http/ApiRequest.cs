namespace Verilock.Client.Http;

/// <summary>
/// One logical call: method, path under <c>/api/v1/</c>, query, and a factory for its body. The body is made afresh for
/// every attempt because an <see cref="HttpRequestMessage"/> (and a multipart body) cannot be sent twice.
/// </summary>
internal sealed class ApiRequest(HttpMethod method, string path, string query = "", Func<HttpContent>? content = null)
{
    public HttpMethod Method { get; } = method;

    /// <summary>Relative to <c>/api/v1/</c>, ids already escaped (<see cref="ApiPath"/>).</summary>
    public string Path { get; } = path;

    /// <summary>Empty, or <c>?a=b&amp;…</c> (<see cref="QueryBuilder"/>).</summary>
    public string Query { get; } = query;

    public Func<HttpContent>? Content { get; } = content;
}
