using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Verilock.Domain.Common;

namespace Verilock.Infrastructure.Serialization;

/// <summary>The wire format of the API (spec §1): snake_case, UTC instants to the second with a <c>Z</c>.</summary>
public static class ApiJson
{
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions());

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        options.Converters.Add(new UtcInstantConverter());
        options.Converters.Add(new DateOnlyConverter());
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(LeaveOutNotOnWire);
        return options;
    }

    /// <summary>Properties marked <see cref="NotOnWireAttribute"/> are stored, never sent (the storage options lack this).</summary>
    private static void LeaveOutNotOnWire(JsonTypeInfo typeInfo)
    {
        if (typeInfo.Kind != JsonTypeInfoKind.Object)
            return;
        for (var i = typeInfo.Properties.Count - 1; i >= 0; i--)
        {
            if (typeInfo.Properties[i].AttributeProvider?.IsDefined(typeof(NotOnWireAttribute), inherit: false) == true)
                typeInfo.Properties.RemoveAt(i);
        }
    }

    public static string FormatInstant(DateTime value) =>
        DateTime.SpecifyKind(value, DateTimeKind.Utc).ToString(InstantFormat, CultureInfo.InvariantCulture);

    private sealed class UtcInstantConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.GetDateTime().ToUniversalTime();

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteStringValue(FormatInstant(value));
    }

    private sealed class DateOnlyConverter : JsonConverter<DateOnly>
    {
        public override DateOnly Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            DateOnly.ParseExact(reader.GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture);

        public override void Write(Utf8JsonWriter writer, DateOnly value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }
}
