using Microsoft.OpenApi;

namespace Verilock.Server.Api;

public static class OpenApiDocumentation
{
    /// <summary>
    /// Documents a JSON request body without <c>Accepts</c>: that would make routing reject other content
    /// types before the handler runs, losing the spec's 415 error body.
    /// </summary>
    public static RouteHandlerBuilder DocumentJsonBody<T>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
            };
        });
}
