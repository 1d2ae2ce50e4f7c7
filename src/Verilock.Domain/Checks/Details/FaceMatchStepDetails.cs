using System.Text.Json.Serialization;

namespace Verilock.Domain.Checks.Details;

/// <summary><c>results.face_match.details</c>: similarity on the spec's 0..1 scale with its band, or why none was measured.</summary>
public sealed record FaceMatchStepDetails(
    double? Similarity,
    string? Label,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null) : StepDetails
{
    public const string NoSingleFaceInSelfie = "no_single_face_in_selfie";
    public const string NoFaceOnDocument = "no_face_on_document";
}
