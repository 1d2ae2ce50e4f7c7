using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Verilock.Server.Api;

/// <summary>
/// ApiJson's own converters write instants and dates as strings, and the generator then keeps only their format:
/// this gives them back their type, with null allowed where the .NET type allows it (a session not yet completed
/// has <c>"completed_at": null</c>).
/// </summary>
public sealed class OpenApiInstants : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Format is "date-time" or "date" && schema.Type is null)
            schema.Type = Nullable.GetUnderlyingType(context.JsonTypeInfo.Type) is null
                ? JsonSchemaType.String
                : JsonSchemaType.String | JsonSchemaType.Null;
        return Task.CompletedTask;
    }
}
