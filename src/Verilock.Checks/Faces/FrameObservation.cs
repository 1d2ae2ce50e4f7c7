namespace Verilock.Checks.Faces;

/// <summary>
/// What one liveness frame shows, for <see cref="ChallengeVerifier"/>: whether there is a face, where it looks,
/// whether its eyes are closed or it smiles, and who it is.
/// </summary>
/// <param name="EyesClosed">The probability that both eyes are closed (the smaller of the two eyes' probabilities).</param>
/// <param name="EyesOpen">The probability that both eyes are open (one minus the larger closed probability).</param>
public sealed record FrameObservation(
    bool HasFace,
    double Yaw,
    double EyesClosed,
    double EyesOpen,
    double Smile,
    double LiveProbability,
    float[]? Embedding)
{
    public static FrameObservation NoFace { get; } = new(false, 0, 0, 0, 0, 0, null);
}
