using System.Net;
using System.Text.Json.Nodes;
using Verilock.Server.Api;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Api;

/// <summary>
/// <c>docs/openapi.json</c> is the contract reviewers read: it must be what the server serves, so a change to the
/// API's shape cannot land without the document's diff beside it.
/// </summary>
public sealed class CommittedOpenApiTests(SqliteApiFixture api) : ApiTests(api), IClassFixture<SqliteApiFixture>
{
    private const string Regenerate = "The committed docs/openapi.json is not what the server generates. Regenerate it with "
        + "`./verilock openapi --out docs/openapi.json` and commit the diff.";

    private static string CommittedPath => Path.Combine(Repository.Root, "docs", "openapi.json");

    [Fact]
    public async Task The_committed_document_is_what_the_openapi_command_writes()
    {
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath, TestContext.Current.CancellationToken));
        var generated = JsonNode.Parse(await OpenApiExport.ToJsonAsync(TestContext.Current.CancellationToken));
        Assert.True(JsonNode.DeepEquals(committed, generated), Regenerate);
    }

    [Fact]
    public async Task The_committed_document_is_what_the_server_serves()
    {
        var served = (await (await Api.Anonymous.GetAsync("/openapi/v1.json", TestContext.Current.CancellationToken))
            .ExpectAsync(HttpStatusCode.OK)).AsObject();
        // The served copy names the host it was asked on; the committed one cannot know it.
        served.Remove("servers");
        var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath, TestContext.Current.CancellationToken));
        Assert.True(JsonNode.DeepEquals(committed, served), Regenerate);
    }

    [Fact]
    public async Task The_command_writes_the_document_without_a_data_folder_or_a_server()
    {
        var folder = Path.Combine(Path.GetTempPath(), "verilock-openapi-cli-" + Guid.NewGuid().ToString("N"));
        var file = Path.Combine(Path.GetTempPath(), "verilock-openapi-" + Guid.NewGuid().ToString("N") + ".json");
        try
        {
            var (exit, _, error) = await CliProcess.RunAsync(folder, null, new Dictionary<string, string>(), "openapi", "--out", file);
            Assert.True(exit == 0, error);
            Assert.False(Directory.Exists(folder), "the command made a data folder");
            var written = JsonNode.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken))!;
            Assert.Equal("3.1.1", (string?)written["openapi"]);
            Assert.True(written["paths"]!.AsObject().Count > 10, "the document has no paths: endpoints never reached the API explorer");
            var committed = JsonNode.Parse(await File.ReadAllTextAsync(CommittedPath, TestContext.Current.CancellationToken));
            Assert.True(JsonNode.DeepEquals(committed, written), Regenerate);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
