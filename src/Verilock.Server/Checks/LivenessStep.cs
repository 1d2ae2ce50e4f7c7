using Verilock.Checks.Faces;
using Verilock.Domain.Checks.Details;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Media;

namespace Verilock.Server.Checks;

/// <summary>
/// The live <c>liveness</c> step (spec §9, t = the profile's <c>liveness_threshold</c> / 100).
/// <para>Active (frames uploaded by the hosted flow): each challenge is verified in order from the burst and the
/// face in it must be the selfie's; score ≥ t approved, 0.50–t review (<c>liveness_inconclusive</c>), below
/// declined.</para>
/// <para>Passive (API sessions, or active ones submitted without frames through the API): the passive model's
/// probability on the selfie. Its classes were established by experiment only (docs/face-matching.md), so it is a
/// signal for the risk score and a reason for review below t, never on its own a reason to decline.</para>
/// </summary>
public sealed class LivenessStep(MediaStore media, CheckModels models) : ICheckStep
{
    public VerificationStep Step => VerificationStep.Liveness;

    public async Task<StepFinding?> RunAsync(CheckRun run, CancellationToken cancellationToken) =>
        await VerifyAsync(run.Session, run.SelfieAnalysis, cancellationToken);

    public StepFinding? Sandbox(CheckRun run) => SandboxChecks.Scenario(run.Session) == "SPOOF"
        ? StepFinding.Declined(0.12, new LivenessStepDetails(false, run.Session.Settings.LivenessMode, []))
        : StepFinding.Approved(0.97, new LivenessStepDetails(true, run.Session.Settings.LivenessMode, []));

    async Task<StepFinding> VerifyAsync(Session session, FaceAnalysis selfie, CancellationToken cancellationToken)
    {
        var threshold = session.Settings.LivenessThreshold / 100.0;
        var frames = session.Liveness?.Frames ?? [];
        if (selfie.Embedding is null)
            return StepFinding.Declined(0, Details(false, frames.Count > 0 ? "active" : "passive", []));

        if (frames.Count == 0)
        {
            var score = Math.Round(selfie.LiveProbability ?? 0, 2);
            var passive = Details(score >= threshold, "passive", []);
            return score >= threshold
                ? StepFinding.Approved(score, passive)
                : StepFinding.Pending(score, passive, ReviewReason.LivenessInconclusive);
        }

        var images = new List<byte[]>(frames.Count);
        foreach (var frame in frames)
            images.Add(await media.ReadAsync(frame.StorageKey, cancellationToken)
                       ?? throw new InvalidOperationException("A liveness frame's stored file is missing."));
        var verdict = models.Faces.VerifyChallenges(images, session.Liveness!.Challenges, selfie.Embedding);
        var details = Details(verdict.Score >= threshold, "active", verdict.Challenges);
        return verdict.Score >= threshold ? StepFinding.Approved(verdict.Score, details)
            : verdict.Score >= 0.5 ? StepFinding.Pending(verdict.Score, details, ReviewReason.LivenessInconclusive)
            : StepFinding.Declined(verdict.Score, details);
    }

    static LivenessStepDetails Details(bool live, string mode, IReadOnlyList<ChallengeVerifier.ChallengeOutcome> challenges) =>
        new(live, mode, challenges.Select(c => new ChallengeResult(c.Challenge, c.Passed)).ToList());
}
