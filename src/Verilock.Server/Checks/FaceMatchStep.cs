using Verilock.Checks.Faces;
using Verilock.Domain.Checks.Details;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Media;

namespace Verilock.Server.Checks;

/// <summary>
/// The live <c>face_match</c> step (spec §9): the selfie's face against the document's portrait — the front,
/// or whichever side has a face. The similarity is the calibrated score of <see cref="FaceMatchScale"/>, banded
/// by the spec: ≥ 0.80 approved, ≥ 0.60 review (<c>face_match_inconclusive</c>), below declined. Without a
/// portrait to compare a person looks; without a single face in the selfie the step is declined with it.
/// </summary>
public sealed class FaceMatchStep(MediaStore media, CheckModels models) : ICheckStep
{
    public VerificationStep Step => VerificationStep.FaceMatch;

    public async Task<StepFinding?> RunAsync(CheckRun run, CancellationToken cancellationToken) =>
        await CompareAsync(run.Session, run.SelfieAnalysis, cancellationToken);

    public StepFinding? Sandbox(CheckRun run) => SandboxChecks.Scenario(run.Session) switch
    {
        "NOMATCH" => StepFinding.Declined(0.31, new FaceMatchStepDetails(0.31, "low")),
        "REVIEW" => StepFinding.Pending(0.70, new FaceMatchStepDetails(0.70, "medium"), ReviewReason.FaceMatchInconclusive),
        _ => StepFinding.Approved(0.96, new FaceMatchStepDetails(0.96, "very_high")),
    };

    async Task<StepFinding> CompareAsync(Session session, FaceAnalysis selfie, CancellationToken cancellationToken)
    {
        if (selfie.Embedding is null)
            return StepFinding.Declined(null, Details(null, FaceMatchStepDetails.NoSingleFaceInSelfie));
        var portrait = await FindPortraitAsync(session, cancellationToken);
        if (portrait?.Embedding is null)
            return StepFinding.Pending(null, Details(null, FaceMatchStepDetails.NoFaceOnDocument), ReviewReason.FaceMatchInconclusive);

        var (similarity, _) = models.Faces.Compare(selfie.Embedding, portrait.Embedding);
        var details = Details(similarity, null);
        return similarity switch
        {
            >= 0.80 => StepFinding.Approved(similarity, details),
            >= 0.60 => StepFinding.Pending(similarity, details, ReviewReason.FaceMatchInconclusive),
            _ => StepFinding.Declined(similarity, details),
        };
    }

    async Task<FaceAnalysis?> FindPortraitAsync(Session session, CancellationToken cancellationToken)
    {
        var document = session.Document ?? throw new InvalidOperationException("A submitted face_match step has a document.");
        foreach (var side in new[] { document.Front, document.Back }.OfType<Domain.Media.StoredMedia>())
        {
            var bytes = await media.ReadAsync(side.StorageKey, cancellationToken);
            if (bytes is null)
                continue;
            var analysis = models.Faces.AnalyzePortrait(bytes);
            if (analysis.Embedding is not null)
                return analysis;
        }
        return null;
    }

    static FaceMatchStepDetails Details(double? similarity, string? reason) =>
        new(similarity, similarity is { } s ? FaceMatchScale.Label(s) : null, reason);
}
