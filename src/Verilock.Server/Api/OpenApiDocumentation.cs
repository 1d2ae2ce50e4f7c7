using System.Reflection;
using System.Text.Json;
using Microsoft.OpenApi;

namespace Verilock.Server.Api;

public static class OpenApiDocumentation
{
    /// <summary>
    /// Documents a JSON request body without <c>Accepts</c>: that would make routing reject other content
    /// types before the handler runs, losing the spec's 415 error body.
    /// </summary>
    public static RouteHandlerBuilder DocumentJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.DocumentBody<T>("application/json");

    /// <summary>
    /// A multipart body in the document only: <c>Accepts</c> would also make routing refuse other content types
    /// before the handler can answer them in the spec's error shape.
    /// </summary>
    public static RouteHandlerBuilder DocumentMultipartBody<T>(this RouteHandlerBuilder builder) =>
        builder.DocumentBody<T>("multipart/form-data");

    /// <summary>
    /// The list query of spec §6 (<c>page</c>, <c>per_page</c>, <c>from</c>, <c>to</c>) and the endpoint's own
    /// filters. The handlers read the query themselves (to answer bad values with the spec's 422), so without this the
    /// document would not know the parameters.
    /// </summary>
    public static RouteHandlerBuilder DocumentListQuery(this RouteHandlerBuilder builder, params (string Name, string Description)[] filters) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(Query("page", "Page number, from 1 (default 1)", JsonSchemaType.Integer));
            operation.Parameters.Add(Query("per_page", "Items per page, 1–100 (default 15)", JsonSchemaType.Integer));
            operation.Parameters.Add(Query("from", "Created on or after this UTC day (YYYY-MM-DD)", JsonSchemaType.String, "date"));
            operation.Parameters.Add(Query("to", "Created on or before this UTC day (YYYY-MM-DD)", JsonSchemaType.String, "date"));
            foreach (var (name, description) in filters)
                operation.Parameters.Add(Query(name, description, JsonSchemaType.String));
            return Task.CompletedTask;
        });

    /// <summary>
    /// Error statuses this endpoint answers beyond those every operation shares (<see cref="OpenApiContract"/>), in
    /// the spec's error body: the handlers return <c>IResult</c>, so the generator cannot see them.
    /// </summary>
    public static RouteHandlerBuilder DocumentErrors(this RouteHandlerBuilder builder, params int[] statuses) =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            operation.Responses ??= new OpenApiResponses();
            foreach (var status in statuses)
                operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = OpenApiContract.ErrorResponse(status, context.Document);
            return Task.CompletedTask;
        });

    /// <summary>
    /// An example request body (null for none) and an example answer for <paramref name="status"/>, shown by
    /// documentation tools and generators (<see cref="OpenApiExamples"/>). A test validates each against its own schema.
    /// </summary>
    public static RouteHandlerBuilder DocumentExamples(this RouteHandlerBuilder builder, string? request, int status, string response) =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (request is not null)
                foreach (var media in operation.RequestBody!.Content!.Values)
                    media.Example = System.Text.Json.Nodes.JsonNode.Parse(request);
            operation.Responses![status.ToString(System.Globalization.CultureInfo.InvariantCulture)].Content!["application/json"].Example =
                System.Text.Json.Nodes.JsonNode.Parse(response);
            return Task.CompletedTask;
        });

    private static OpenApiParameter Query(string name, string description, JsonSchemaType type, string? format = null) => new()
    {
        Name = name, In = ParameterLocation.Query, Required = false, Description = description,
        Schema = new OpenApiSchema { Type = type, Format = format },
    };

    /// <summary>
    /// The body's schema as a named component (<c>CreateSessionRequestDoc</c> → <c>CreateSessionRequest</c>), so a
    /// generated client gets a named type. Only the non-nullable members are required: a positional record would
    /// otherwise make every member required, and the readers accept each optional field absent.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type> BodyComponents = new(StringComparer.Ordinal);

    private static RouteHandlerBuilder DocumentBody<T>(this RouteHandlerBuilder builder, string contentType) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            var nullability = new NullabilityInfoContext();
            schema.Required = typeof(T).GetProperties()
                .Where(p => nullability.Create(p).ReadState == NullabilityState.NotNull && Nullable.GetUnderlyingType(p.PropertyType) is null)
                .Select(p => JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name))
                .ToHashSet();
            var name = typeof(T).Name.EndsWith("Doc", StringComparison.Ordinal) ? typeof(T).Name[..^3] : typeof(T).Name;
            // Two bodies of one name would share a schema silently (the first one wins): refuse it at start-up instead.
            var claimed = BodyComponents.GetOrAdd(name, typeof(T));
            if (claimed != typeof(T))
                throw new InvalidOperationException($"Request body component {name} is both {claimed.FullName} and {typeof(T).FullName}: rename one.");
            context.Document!.AddComponent(name, schema);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    [contentType] = new() { Schema = new OpenApiSchemaReference(name, context.Document) },
                },
            };
        });
}
