using System.Text.Json;
using System.Text.Json.Nodes;

namespace Verilock.Tests.Contract;

/// <summary>
/// Sits under every test client of the in-memory server and fails a request whose answer the OpenAPI document does
/// not describe: a status the operation does not list, or a JSON body that does not validate against the schema
/// documented for that status (<see cref="ResponseContract"/>). So every HTTP test also tests the document: the
/// server's (<c>ApiFixture</c>) and the client library's (<c>ServerFixture</c>), which link this source.
/// Requests the document has no operation for (the dashboard, the flow's page and assets, health) pass untouched.
/// </summary>
public sealed class ContractCheckingHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var contract = await ResponseContract.LoadAsync();
        if (contract.Operation(request.Method, request.RequestUri!.AbsolutePath) is not var (operation, responses))
            return response;

        var status = ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (responses[status] is not JsonObject documented)
            throw Failure(operation, status, $"the status is not documented (documented: {string.Join(", ", responses.Select(r => r.Key))})");
        var type = response.Content.Headers.ContentType?.MediaType;
        if (type is null || !type.EndsWith("json", StringComparison.Ordinal))
        {
            if (documented["content"]?["application/json"] is not null && response.Content.Headers.ContentLength is not 0)
                throw Failure(operation, status, $"documented as JSON, answered {type ?? "without a Content-Type"}");
            return response;
        }

        // Buffered, so the test still reads the body after it has been checked.
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw Failure(operation, status, $"the body is not JSON ({ex.Message})");
        }
        if (contract.Problems(operation, status, documented, body) is { } problems)
            throw Failure(operation, status, problems + Environment.NewLine + "Body: " + (text.Length > 2000 ? text[..2000] + "…" : text));
        return response;
    }

    private static Xunit.Sdk.XunitException Failure(string operation, string status, string why) =>
        new($"OpenAPI contract: {operation} answered {status}, which the document does not describe: {why}." + Environment.NewLine
            + "Fix the document (endpoint metadata or OpenApiContract), not the wire; then ./verilock openapi --out docs/openapi.json.");
}
