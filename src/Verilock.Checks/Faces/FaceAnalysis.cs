namespace Verilock.Checks.Faces;

/// <summary>What a face check found on one image.</summary>
/// <param name="Problem">Why the image could not be examined at all (not an image, damaged, too large), or null.</param>
/// <param name="FaceCount">Faces found; 0 when the image was unreadable.</param>
/// <param name="Face">The face examined (the only one of a selfie, the largest on a document), or null.</param>
/// <param name="Embedding">The face's embedding, for matching; null without a face.</param>
/// <param name="Issues">Quality gates the face failed (<see cref="FaceIssues"/>); empty when it passed them all.</param>
/// <param name="LiveProbability">
/// The passive liveness score (<see cref="Presentation.PassiveLivenessScore"/>: the model and the replay and print
/// signals); null unless asked for.
/// </param>
/// <param name="Passive">What the score was made of; null unless liveness was asked for.</param>
public sealed record FaceAnalysis(
    string? Problem,
    int FaceCount,
    DetectedFace? Face,
    float[]? Embedding,
    IReadOnlyList<string> Issues,
    double? LiveProbability,
    PassiveLiveness? Passive = null)
{
    public static FaceAnalysis Unreadable(string problem) => new(problem, 0, null, null, [], null);
}

/// <summary>The parts of a passive liveness score: the model's own live probability and the measured signals.</summary>
public sealed record PassiveLiveness(double ModelProbability, Presentation.PresentationSignals Signals);

/// <summary>The quality-gate names reported in <c>results.selfie.details.quality_issues</c>.</summary>
public static class FaceIssues
{
    public const string TooSmall = "face_too_small";
    public const string TooBlurred = "too_blurred";
    public const string TooDark = "too_dark";
    public const string EyesClosed = "eyes_closed";
    public const string NotFrontal = "face_turned_away";
}
