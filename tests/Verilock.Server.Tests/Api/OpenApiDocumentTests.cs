using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Verilock.Server.Tests.Support;

namespace Verilock.Server.Tests.Api;

/// <summary>
/// The OpenAPI document names properties as the wire does (snake_case, spec §1): a client generated from it
/// must deserialise real responses, not read every field as null.
/// </summary>
public sealed partial class OpenApiDocumentTests(SqliteApiFixture api) : ApiTests(api), IClassFixture<SqliteApiFixture>
{
    private async Task<JsonNode> DocumentAsync() =>
        await (await Api.Anonymous.GetAsync("/openapi/v1.json")).ExpectAsync(HttpStatusCode.OK);

    /// <summary>Every (schema, property, property schema) of the document's components.</summary>
    private static IEnumerable<(string Schema, string Property, JsonNode? Definition)> Properties(JsonNode document) =>
        document["components"]!["schemas"]!.AsObject()
            .SelectMany(schema => (schema.Value?["properties"]?.AsObject() ?? [])
                .Select(property => (schema.Key, property.Key, property.Value)));

    [Fact]
    public async Task Every_property_is_named_as_on_the_wire()
    {
        var properties = Properties(await DocumentAsync()).ToList();
        Assert.NotEmpty(properties);
        Assert.All(properties, p => Assert.Matches(SnakeCase(), p.Property));
        var session = properties.Where(p => p.Schema == "SessionResponse").Select(p => p.Property).ToList();
        Assert.Contains("completed_at", session);
        Assert.Contains("consent_given_at", session);
        Assert.Contains("reference_id", session);
    }

    [Fact]
    public async Task Instants_are_documented_as_date_time_strings()
    {
        var instants = Properties(await DocumentAsync()).Where(p => p.Definition?["format"]?.GetValue<string>() == "date-time").ToList();
        Assert.NotEmpty(instants);
        Assert.All(instants, p => Assert.Contains("string", p.Definition!["type"]!.ToJsonString()));
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
