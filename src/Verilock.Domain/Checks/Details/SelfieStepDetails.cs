using System.Text.Json.Serialization;

namespace Verilock.Domain.Checks.Details;

/// <summary><c>results.selfie.details</c>: faces found, and the quality gates that failed when there are any.</summary>
public sealed record SelfieStepDetails(
    int FaceCount,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? QualityIssues = null) : StepDetails
{
    /// <summary>The quality issue reported when the file could not be decoded at all.</summary>
    public const string UnreadableImage = "unreadable_image";
}
