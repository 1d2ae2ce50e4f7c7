using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using Verilock.Server.Api;

namespace Verilock.Tests.Contract;

/// <summary>
/// The OpenAPI document as a checker of real answers: finds the operation a request went to (method and path
/// template) and validates a response body against that operation's schema for the status, with JsonSchema.Net.
/// The document is generated once per process (<see cref="OpenApiExport"/>, what the server serves), each schema
/// compiled once on first use.
/// </summary>
/// <remarks>
/// Checking is stricter than the document on one point: an object whose properties are documented may carry no
/// others. A generated client drops an undocumented property silently, so a misnamed one would otherwise pass.
/// </remarks>
public sealed partial class ResponseContract
{
    private static readonly Lazy<Task<ResponseContract>> Shared = new(async () =>
        new ResponseContract(JsonNode.Parse(await OpenApiExport.ToJsonAsync())!.AsObject()));

    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, EvaluateAs = SpecVersion.Draft202012 };

    private readonly List<(Regex Template, string Path, JsonObject Item)> _paths;
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private ResponseContract(JsonObject document)
    {
        _paths = document["paths"]!.AsObject()
            .Select(path => (Template(path.Key), path.Key, path.Value!.AsObject()))
            // Literal segments before parameters: /sessions/{id}/selfie is not /sessions/{id}/{anything}.
            .OrderBy(path => path.Key.Count(c => c == '{'))
            .ToList();
        var components = document["components"]?["schemas"]?.ToJsonString() ?? "{}";
        _definitions = Closed(JsonNode.Parse(components.Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!).AsObject();
    }

    public static Task<ResponseContract> LoadAsync() => Shared.Value;

    /// <summary>The documented operation a request reached (<c>"POST /api/v1/sessions"</c>, its responses), or null if the document has none.</summary>
    public (string Name, JsonObject Responses)? Operation(HttpMethod method, string path)
    {
        foreach (var (template, name, item) in _paths)
        {
            if (!template.IsMatch(path))
                continue;
            return item[method.Method.ToLowerInvariant()] is JsonObject operation
                ? ($"{method.Method} {name}", operation["responses"]!.AsObject())
                : null;
        }
        return null;
    }

    /// <summary>Null when the body matches the documented schema; otherwise why not, first errors first.</summary>
    public string? Problems(string operation, string status, JsonObject response, JsonNode? body)
    {
        if (response["content"]?["application/json"]?["schema"] is not { } documented)
            return "the document gives this status no JSON body";
        return Problems($"{operation} {status}", documented, body);
    }

    /// <summary>Null when <paramref name="value"/> matches <paramref name="documented"/> (a schema of the document, cached under <paramref name="key"/>); otherwise why not.</summary>
    public string? Problems(string key, JsonNode documented, JsonNode? value)
    {
        var body = value;
        var schema = _schemas.GetOrAdd(key, _ =>
        {
            var root = Closed(JsonNode.Parse(documented.ToJsonString().Replace("#/components/schemas/", "#/$defs/", StringComparison.Ordinal))!).AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = _definitions.DeepClone();
            return JsonSchema.FromText(root.ToJsonString());
        });
        var result = schema.Evaluate(body, Evaluation);
        if (result.IsValid)
            return null;
        var errors = result.Details
            .Where(d => d.HasErrors)
            .SelectMany(d => d.Errors!.Select(e => $"{(d.InstanceLocation.ToString() is { Length: > 0 } at ? at : "(body)")}: {e.Value} [{d.EvaluationPath}]"))
            .Distinct()
            .Take(8);
        return string.Join(Environment.NewLine, errors);
    }

    /// <summary>Every object schema with documented properties, and no word on others, refuses others.</summary>
    private static JsonNode Closed(JsonNode node)
    {
        switch (node)
        {
            case JsonObject schema:
                foreach (var (_, value) in schema.ToList())
                    if (value is not null)
                        Closed(value);
                if (schema["properties"] is JsonObject && !schema.ContainsKey("additionalProperties") && !schema.ContainsKey("unevaluatedProperties"))
                    schema["unevaluatedProperties"] = false;
                break;
            case JsonArray items:
                foreach (var item in items)
                    if (item is not null)
                        Closed(item);
                break;
        }
        return node;
    }

    private static Regex Template(string path) =>
        new("^" + ParameterPattern().Replace(Regex.Escape(path).Replace(@"\{", "{", StringComparison.Ordinal), "[^/]+") + "$");

    [GeneratedRegex(@"\{[^}/]+\}")]
    private static partial Regex ParameterPattern();
}
