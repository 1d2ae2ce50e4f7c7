using System.Net;
using System.Text.Json.Nodes;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Api;

/// <summary>
/// The checker every HTTP test runs through (<see cref="ContractCheckingHandler"/>) catches what a generated client
/// would trip on: so its silence elsewhere means something.
/// </summary>
public sealed class ResponseContractTests(SqliteApiFixture api) : ApiTests(api), IClassFixture<SqliteApiFixture>
{
    [Fact]
    public async Task A_real_answer_passes_and_a_misnamed_mistyped_or_undocumented_one_does_not()
    {
        var caller = await Api.NewCallerAsync();
        var session = (await (await caller.Client.PostJsonAsync(Sessions, """{"steps":["document"]}"""))
            .ExpectAsync(HttpStatusCode.Created)).AsObject();
        var contract = await ResponseContract.LoadAsync();
        var (operation, responses) = contract.Operation(HttpMethod.Post, Sessions)!.Value;
        Assert.Equal("POST /api/v1/sessions", operation);
        var created = responses["201"]!.AsObject();
        Assert.Null(contract.Problems(operation, "201", created, session));

        var camelCase = session.DeepClone().AsObject();
        camelCase["createdAt"] = camelCase["created_at"]!.DeepClone();
        camelCase.Remove("created_at");
        Assert.Contains("createdAt", contract.Problems(operation, "201", created, camelCase));

        var wrongType = session.DeepClone().AsObject();
        wrongType["livemode"] = "false";
        Assert.Contains("/livemode", contract.Problems(operation, "201", created, wrongType));

        Assert.False(responses.ContainsKey("418"));
        Assert.Equal("GET /api/v1/sessions/{id}/selfie", contract.Operation(HttpMethod.Get, $"{Sessions}/abc/selfie")!.Value.Name);
        Assert.Equal("GET /api/v1/sessions/{id}", contract.Operation(HttpMethod.Get, $"{Sessions}/abc")!.Value.Name);
        Assert.Null(contract.Operation(HttpMethod.Get, "/health"));
    }
}
