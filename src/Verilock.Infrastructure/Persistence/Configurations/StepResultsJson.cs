using System.Text.Json;
using System.Text.Json.Serialization;
using Verilock.Domain.Checks;
using Verilock.Domain.Checks.Details;
using Verilock.Domain.Sessions;

namespace Verilock.Infrastructure.Persistence.Configurations;

/// <summary>
/// Stores a session's <c>results</c> as <c>{"document":{"status":…,"score":…,"details":{…}},…}</c>, the wire shape.
/// Each step's details are written as their own record and read back as the record the step's key names
/// (<see cref="StepDescriptor.DetailsType"/>), so no type tag is stored and rows written before typed details still read.
/// </summary>
internal sealed class StepResultsJson : JsonConverter<IReadOnlyDictionary<VerificationStep, StepResult>>
{
    public override IReadOnlyDictionary<VerificationStep, StepResult> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
            throw new JsonException("Step results are a JSON object.");
        var results = new Dictionary<VerificationStep, StepResult>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            using var entry = JsonDocument.ParseValue(ref reader);
            if (!VerificationSteps.TryParse(key, out var step))
                throw new JsonException($"Unknown step '{key}' in stored results.");
            var root = entry.RootElement;
            var status = root.GetProperty("status").Deserialize<StepOutcome>(options);
            var score = root.TryGetProperty("score", out var scoreElement) && scoreElement.ValueKind == JsonValueKind.Number
                ? scoreElement.GetDouble()
                : (double?)null;
            var details = root.TryGetProperty("details", out var detailsElement) && detailsElement.ValueKind == JsonValueKind.Object
                ? (StepDetails?)detailsElement.Deserialize(StepDescriptors.For(step).DetailsType, options)
                : null;
            results[step] = new StepResult(status, score, details);
        }
        return results;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<VerificationStep, StepResult> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (step, result) in value)
        {
            writer.WritePropertyName(step.ToWire());
            writer.WriteStartObject();
            writer.WritePropertyName("status");
            JsonSerializer.Serialize(writer, result.Status, options);
            writer.WritePropertyName("score");
            JsonSerializer.Serialize(writer, result.Score, options);
            writer.WritePropertyName("details");
            if (result.Details is null)
                writer.WriteNullValue();
            else
                JsonSerializer.Serialize(writer, result.Details, result.Details.GetType(), options);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
