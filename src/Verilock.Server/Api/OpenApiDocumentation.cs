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

    private static RouteHandlerBuilder DocumentBody<T>(this RouteHandlerBuilder builder, string contentType) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(T), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { [contentType] = new() { Schema = schema } },
            };
        });
}
