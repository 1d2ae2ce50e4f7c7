using Microsoft.OpenApi;
using Verilock.Server.Api;

namespace Verilock.Server.Verify;

/// <summary>
/// How the hosted flow's token API (spec §13) is described in the OpenAPI document. It shares the API's error body
/// but not its authentication, idempotency or rate-limit headers (<see cref="OpenApiContract"/> asks
/// <see cref="IsFlowPath"/>), and its upload answers are the API's objects with <c>feedback</c> added
/// (<see cref="UploadFeedback.Verdict.Answer{T}"/>), which no C# type spells out.
/// </summary>
public static class FlowOpenApi
{
    public const string Tag = "Hosted flow";

    /// <summary>The flow's operations are under <c>/verify/{token}/api</c>; the API's under <c>/api/v1</c>.</summary>
    public static bool IsFlowPath(string path) => path.StartsWith("/verify/", StringComparison.Ordinal);

    /// <summary>
    /// The 200 answer: the component of <typeparamref name="T"/> with a required <c>feedback</c>, as component
    /// <paramref name="name"/>. The component is made by <see cref="AddFeedbackSchemas"/> once the document has the
    /// API's own (its properties keep their references and nullability, which a schema made here would not).
    /// </summary>
    public static RouteHandlerBuilder ProducesWithFeedback<T>(this RouteHandlerBuilder builder, string name)
    {
        WithFeedback[name] = typeof(T).Name;
        return builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            operation.Responses ??= new OpenApiResponses();
            operation.Responses["200"] = new OpenApiResponse
            {
                Description = "OK",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchemaReference(name, context.Document) },
                },
            };
            return Task.CompletedTask;
        });
    }

    /// <summary>Flow answer component → the API component it extends.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> WithFeedback = new(StringComparer.Ordinal);

    /// <summary>Adds each <see cref="ProducesWithFeedback{T}"/> component: the API component's properties and <c>feedback</c>.</summary>
    public static void AddFeedbackSchemas(OpenApiDocument document)
    {
        var schemas = document.Components!.Schemas!;
        foreach (var (name, baseName) in WithFeedback)
        {
            if (!schemas.TryGetValue(baseName, out var found) || found is not OpenApiSchema body)
                throw new InvalidOperationException($"The OpenAPI document has no component {baseName} for {name} to extend.");
            schemas[name] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = $"As {baseName} (the session endpoints' upload answer), with the flow's immediate advice on the photo.",
                Properties = new Dictionary<string, IOpenApiSchema>(body.Properties ?? new Dictionary<string, IOpenApiSchema>()) { ["feedback"] = Feedback },
                Required = new HashSet<string>(body.Required ?? new HashSet<string>()) { "feedback" },
            };
        }
    }

    private static readonly OpenApiSchema Feedback = new()
    {
        Type = JsonSchemaType.Object,
        Description = "Advice only: the applicant may keep the photo. Empty when the photo looks right or the server has no models.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["problems"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Array,
                Description = "no_mrz, no_barcode, blurred, glare, unreadable, no_face, several_faces, too_dark, face_unclear",
                Items = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        },
        Required = new HashSet<string> { "problems" },
    };

    /// <summary>Request shapes for the document; the handlers read their bodies themselves for the spec's errors.</summary>
    public sealed record ConsentRequestDoc(bool Accepted);

    /// <summary>8–12 JPEG or PNG files, all in the repeated field <c>frames</c>, in capture order.</summary>
    public sealed record LivenessUploadDoc(IFormFile[] Frames);
}
