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

    [Fact]
    public async Task Both_ways_to_send_the_key_are_security_schemes_of_every_operation()
    {
        var document = await DocumentAsync();
        Assert.Equal("""{"type":"apiKey","description":"qi_live_\u2026 or qi_test_\u2026","name":"X-API-Key","in":"header"}""",
            document["components"]!["securitySchemes"]!["ApiKey"]!.ToJsonString());
        Assert.Equal("bearer", (string?)document["components"]!["securitySchemes"]!["Bearer"]!["scheme"]);
        Assert.Equal("""[{"ApiKey":[]},{"Bearer":[]}]""", document["security"]!.ToJsonString());
    }

    [Fact]
    public async Task The_session_list_documents_its_query_and_every_operation_its_errors_in_the_spec_body()
    {
        var document = await DocumentAsync();
        var list = document["paths"]!["/api/v1/sessions"]!["get"]!;
        Assert.Equal(["page", "per_page", "from", "to", "status", "reference_id", "X-Request-Id"],
            list["parameters"]!.AsArray().Select(p => (string)p!["name"]!));
        Assert.All(list["parameters"]!.AsArray().Take(6), p => Assert.Equal("query", (string?)p!["in"]));

        var create = document["paths"]!["/api/v1/sessions"]!["post"]!;
        Assert.Contains(create["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key" && (string?)p["in"] == "header");
        Assert.Equal(["201", "400", "401", "403", "409", "413", "415", "422", "429", "500", "503"], create["responses"]!.AsObject().Select(r => r.Key).Order());

        var errorBody = """{"$ref":"#/components/schemas/ApiError"}""";
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                var responses = operation!["responses"]!.AsObject();
                // The hosted flow's token API has no key, so no 401 (HostedFlowApiIsDocumentedWithoutAKey).
                foreach (var status in path.StartsWith("/verify/", StringComparison.Ordinal) ? ["429", "500", "503"] : new[] { "401", "429", "500", "503" })
                    Assert.True(responses[status]?["content"]?["application/json"]?["schema"]?.ToJsonString() == errorBody, $"{method} {path}: {status}");
                if (path.Contains('{'))
                    Assert.True(responses.ContainsKey("404"), $"{method} {path}: 404");
            }
        Assert.Equal(["details", "error", "message"], document["components"]!["schemas"]!["ApiError"]!["required"]!.AsArray().Select(r => (string)r!).Order());
    }

    [Fact]
    public async Task Every_answer_documents_the_headers_the_server_sends_with_it()
    {
        var document = await DocumentAsync();
        Assert.Equal(["X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "Retry-After", "Idempotent-Replayed"],
            document["components"]!["headers"]!.AsObject().Select(h => h.Key));
        var create = document["paths"]!["/api/v1/sessions"]!["post"]!["responses"]!;
        string[] Headers(string status) => create[status]!["headers"]!.AsObject().Select(h => h.Key).ToArray();
        Assert.Equal(["X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "Idempotent-Replayed"], Headers("201"));
        Assert.Equal(["X-Request-Id", "X-RateLimit-Limit", "X-RateLimit-Remaining", "Retry-After"], Headers("429"));
        Assert.Equal(["X-Request-Id"], Headers("401"));
        Assert.Equal("""{"$ref":"#/components/headers/X-Request-Id"}""", create["201"]!["headers"]!["X-Request-Id"]!.ToJsonString());

        // What the document says is what a limited key's answer carries.
        var caller = await Api.NewCallerAsync(rateLimitPerMinute: 50);
        var answer = await caller.Client.PostJsonAsync(Sessions, """{"steps":["selfie"]}""");
        Assert.Equal(HttpStatusCode.Created, answer.StatusCode);
        foreach (var header in Headers("201").Where(h => h != "Idempotent-Replayed"))
            Assert.True(answer.Headers.Contains(header), header);
        var list = document["paths"]!["/api/v1/sessions"]!["get"]!["responses"]!["200"]!["headers"]!.AsObject().Select(h => h.Key);
        Assert.DoesNotContain("Idempotent-Replayed", list);
    }

    [Fact]
    public async Task The_hosted_flow_api_is_documented_without_a_key_with_its_bodies_and_answers()
    {
        var document = await DocumentAsync();
        var flow = document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/verify/", StringComparison.Ordinal)).ToList();
        Assert.Equal(
            ["/verify/{token}/api/consent", "/verify/{token}/api/documents", "/verify/{token}/api/liveness", "/verify/{token}/api/selfie",
             "/verify/{token}/api/session", "/verify/{token}/api/submit"],
            flow.Select(p => p.Key).Order());
        Assert.DoesNotContain(document["paths"]!.AsObject(), p => p.Key is "/verify/{token}" || p.Key.StartsWith("/verify/assets", StringComparison.Ordinal));
        foreach (var (path, item) in flow)
            foreach (var (method, operation) in item!.AsObject())
            {
                Assert.Equal("[]", operation!["security"]!.ToJsonString());
                Assert.Equal("Hosted flow", (string?)operation["tags"]![0]);
                var responses = operation["responses"]!.AsObject().Select(r => r.Key).ToList();
                Assert.DoesNotContain("401", responses);
                Assert.Contains("404", responses);
                Assert.DoesNotContain(operation["parameters"]!.AsArray(), p => (string?)p!["name"] == "Idempotency-Key");
                Assert.All(operation["responses"]!.AsObject(), r => Assert.DoesNotContain("X-RateLimit-Limit", r.Value!["headers"]!.AsObject().Select(h => h.Key)));
            }

        JsonNode Operation(string path, string method) => document["paths"]![$"/verify/{{token}}/api/{path}"]![method]!;
        string Schema(JsonNode operation, string status, string type = "application/json") =>
            operation["responses"]![status]!["content"]![type]!["schema"]!.ToJsonString();
        string Body(JsonNode operation, string type) => operation["requestBody"]!["content"]![type]!["schema"]!.ToJsonString();
        Assert.Equal("""{"$ref":"#/components/schemas/GetFlowSessionResponse"}""", Schema(Operation("session", "get"), "200"));
        Assert.Equal("""{"$ref":"#/components/schemas/ConsentRequest"}""", Body(Operation("consent", "post"), "application/json"));
        Assert.True(Operation("consent", "post")["responses"]!["204"] is not null);
        Assert.Equal("""{"$ref":"#/components/schemas/DocumentUpload"}""", Body(Operation("documents", "post"), "multipart/form-data"));
        Assert.Equal("""{"$ref":"#/components/schemas/FlowDocumentResponse"}""", Schema(Operation("documents", "post"), "200"));
        Assert.Equal("""{"$ref":"#/components/schemas/FlowSelfieResponse"}""", Schema(Operation("selfie", "post"), "200"));
        Assert.Equal("""{"$ref":"#/components/schemas/SubmitFlowSessionResponse"}""", Schema(Operation("submit", "post"), "202"));
        Assert.Equal("""{"$ref":"#/components/schemas/ApiError"}""", Schema(Operation("liveness", "post"), "409"));
        var schemas = document["components"]!["schemas"]!;
        Assert.Equal("""{"type":"array","items":{"type":"string","format":"binary"}}""", schemas["LivenessUpload"]!["properties"]!["frames"]!.ToJsonString());
        var flowDocument = schemas["FlowDocumentResponse"]!;
        Assert.Equal(
            schemas["DocumentResponse"]!["properties"]!.AsObject().Select(p => p.Key).Append("feedback"),
            flowDocument["properties"]!.AsObject().Select(p => p.Key));
        Assert.Contains("feedback", flowDocument["required"]!.AsArray().Select(r => (string)r!));
    }

    [Fact]
    public async Task Every_operation_has_a_name_and_a_summary()
    {
        var document = await DocumentAsync();
        foreach (var (path, item) in document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                Assert.False(string.IsNullOrWhiteSpace((string?)operation!["operationId"]), $"{method} {path}: operationId");
                Assert.False(string.IsNullOrWhiteSpace((string?)operation["summary"]), $"{method} {path}: summary");
            }
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(_[a-z0-9]+)*$")]
    private static partial Regex SnakeCase();
}
