namespace Verilock.Checks.Faces;

/// <summary>
/// Decides an active-liveness burst (spec §13): the frames, in capture order, must show each challenge in the
/// session's order, and the face in them must be the selfie's. Frames are taken as the camera delivers them,
/// not mirrored: when the applicant turns to their own left, the nose moves towards the image's right, which
/// the pose model reports as negative yaw.
/// </summary>
public static class ChallengeVerifier
{
    public const string Blink = "blink";
    public const string HeadLeft = "head_left";
    public const string HeadRight = "head_right";
    public const string Smile = "smile";

    /// <summary>A head turn is this many degrees of yaw away from the burst's median yaw (its resting pose).</summary>
    const double TurnDegrees = 18;
    /// <summary>Frames within this yaw of the median must all be the selfie's face; turned faces match worse, so are spared.</summary>
    const double FrontalDegrees = 15;
    const double ClosedEyes = 0.7;
    const double OpenEyes = 0.7;
    const double Smiling = 0.6;
    const double NotSmiling = 0.3;

    public sealed record ChallengeOutcome(string Challenge, bool Passed);

    /// <param name="Score">Probability-like 0..1: the challenges passed, capped by the identity check, nudged by the passive model.</param>
    /// <param name="IdentityCosine">The best cosine between a frame's face and the selfie's; null without a face.</param>
    public sealed record Verdict(double Score, IReadOnlyList<ChallengeOutcome> Challenges, double? IdentityCosine, int FramesWithFace);

    public static Verdict Verify(
        IReadOnlyList<FrameObservation> frames, IReadOnlyList<string> challenges, float[] selfieEmbedding, FaceMatchThresholds thresholds)
    {
        var withFace = frames.Where(f => f.HasFace).ToList();
        if (withFace.Count == 0)
            return new Verdict(0, challenges.Select(c => new ChallengeOutcome(c, false)).ToList(), null, 0);

        var yaws = withFace.Select(f => f.Yaw).Order().ToList();
        var baseline = yaws.Count % 2 == 1 ? yaws[yaws.Count / 2] : (yaws[yaws.Count / 2 - 1] + yaws[yaws.Count / 2]) / 2;
        var outcomes = new List<ChallengeOutcome>();
        var next = 0;
        foreach (var challenge in challenges)
        {
            var at = -1;
            for (var i = next; i < frames.Count && at < 0; i++)
                if (frames[i].HasFace && Shows(challenge, frames[i], baseline, withFace))
                    at = i;
            outcomes.Add(new ChallengeOutcome(challenge, at >= 0));
            if (at >= 0)
                next = at + 1;
        }

        var embedded = withFace.Where(f => f.Embedding is not null).ToList();
        double? identity = embedded.Count == 0 ? null : embedded.Max(f => FaceEmbedder.Cosine(f.Embedding!, selfieEmbedding));
        var anyoneElse = embedded.Any(f => Math.Abs(f.Yaw - baseline) <= FrontalDegrees && FaceEmbedder.Cosine(f.Embedding!, selfieEmbedding) < thresholds.Review);

        var passedShare = challenges.Count == 0 ? 1 : (double)outcomes.Count(o => o.Passed) / challenges.Count;
        var allPassed = outcomes.All(o => o.Passed);
        var passive = withFace.Average(f => f.LiveProbability);
        // All challenges passed gives 0.75–1 (the passive model decides where); each failure costs 0.15 or more.
        var score = 0.6 * passedShare + (allPassed ? 0.15 : 0) + 0.25 * passive;
        if (identity is null)
            score = Math.Min(score, 0.4);
        else if (anyoneElse || identity < thresholds.Review)
            score = Math.Min(score, 0.2);
        else if (identity < thresholds.Accept)
            score = Math.Min(score, 0.6);
        return new Verdict(Math.Round(score, 2), outcomes, identity, withFace.Count);
    }

    static bool Shows(string challenge, FrameObservation frame, double baselineYaw, IReadOnlyList<FrameObservation> all) => challenge switch
    {
        HeadLeft => frame.Yaw <= baselineYaw - TurnDegrees,
        HeadRight => frame.Yaw >= baselineYaw + TurnDegrees,
        // A photo with closed eyes or a fixed smile must not pass: the burst also needs the opposite state.
        Blink => frame.EyesClosed >= ClosedEyes && all.Any(f => f.EyesOpen >= OpenEyes),
        Smile => frame.Smile >= Smiling && all.Any(f => f.Smile <= NotSmiling),
        _ => false,
    };
}
