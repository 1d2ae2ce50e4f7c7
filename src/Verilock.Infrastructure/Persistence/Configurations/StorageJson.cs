using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Verilock.Infrastructure.Persistence.Configurations;

/// <summary>
/// Values that are read and written whole (settings, metadata, results) are stored as JSON text in one
/// column: both databases handle it the same way and no query filters on their insides.
/// </summary>
internal static class StorageJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower), new StepResultsJson() },
    };

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property)
    {
        var comparer = new ValueComparer<T>(
            (a, b) => Serialize(a) == Serialize(b),
            v => Serialize(v).GetHashCode(),
            v => Deserialize<T>(Serialize(v)));
        property.HasConversion(v => Serialize(v), v => Deserialize<T>(v), comparer);
        return property;
    }

    /// <summary>The column's text, for the bulk paths that write rows without EF Core.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}
