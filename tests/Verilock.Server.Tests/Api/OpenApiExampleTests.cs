using System.Text.Json.Nodes;
using Verilock.Server.Api;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Api;

/// <summary>
/// The document's examples (<see cref="OpenApiExamples"/>) are what the wire would carry: each validates against the
/// schema beside it, with the contract checker's strictness (no undocumented property), and the main operations have them.
/// </summary>
public sealed class OpenApiExampleTests
{
    private static readonly string[] WithExamples =
    [
        "post /api/v1/sessions", "get /api/v1/sessions", "get /api/v1/sessions/{id}", "post /api/v1/aml/screen",
        "post /api/v1/webhooks/endpoints", "post /api/v1/transactions/screen", "post /api/v1/orchestration/rules",
    ];

    /// <summary>Every (operation, where, schema, example) of the document.</summary>
    private static IEnumerable<(string Operation, string Where, JsonNode Schema, JsonNode Example)> Examples(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                var name = $"{method} {path}";
                foreach (var (type, media) in operation!["requestBody"]?["content"]?.AsObject() ?? [])
                    if (media!["example"] is { } example)
                        yield return (name, $"request {type}", media["schema"]!, example);
                foreach (var (status, response) in operation["responses"]!.AsObject())
                    foreach (var (type, media) in response!["content"]?.AsObject() ?? [])
                        if (media!["example"] is { } example)
                            yield return (name, $"{status} {type}", media["schema"]!, example);
            }
    }

    [Fact]
    public async Task Every_example_validates_against_its_own_schema_and_the_main_operations_have_them()
    {
        var document = JsonNode.Parse(await OpenApiExport.ToJsonAsync(TestContext.Current.CancellationToken))!;
        var contract = await ResponseContract.LoadAsync();
        var examples = Examples(document).ToList();

        Assert.All(examples, e =>
        {
            var problems = contract.Problems($"example {e.Operation} {e.Where}", e.Schema, e.Example);
            Assert.True(problems is null, $"{e.Operation} {e.Where}: {problems}");
        });
        foreach (var operation in WithExamples)
        {
            Assert.Contains(examples, e => e.Operation == operation && !e.Where.StartsWith("request", StringComparison.Ordinal));
            if (operation.StartsWith("post", StringComparison.Ordinal))
                Assert.Contains(examples, e => e.Operation == operation && e.Where.StartsWith("request", StringComparison.Ordinal));
        }
    }
}
