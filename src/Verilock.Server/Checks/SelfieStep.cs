using Verilock.Checks.Faces;
using Verilock.Domain.Checks.Details;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Media;

namespace Verilock.Server.Checks;

/// <summary>
/// The live <c>selfie</c> step (spec §9): exactly one face, or declined. One face that fails a quality gate
/// (too small, blurred, dark, eyes closed, turned away) goes to a person (<c>selfie_quality</c>): the applicant
/// cannot retake it after submitting, and a poor capture is not fraud. The analysis (the face's embedding and
/// passive liveness) is handed on to the face-match and liveness steps, so the selfie is examined once.
/// </summary>
public sealed class SelfieStep(MediaStore media, CheckModels models) : ICheckStep
{
    public VerificationStep Step => VerificationStep.Selfie;

    public async Task<StepFinding?> RunAsync(CheckRun run, CancellationToken cancellationToken)
    {
        var examined = await ExamineAsync(run.Session, cancellationToken);
        run.Selfie = examined.Analysis;
        return examined.Finding;
    }

    public StepFinding? Sandbox(CheckRun run) => StepFinding.Approved(null, new SelfieStepDetails(1));

    public sealed record Examined(StepFinding Finding, FaceAnalysis Analysis);

    public async Task<Examined> ExamineAsync(Session session, CancellationToken cancellationToken)
    {
        var selfie = session.Selfie ?? throw new InvalidOperationException("A submitted selfie step has a selfie.");
        var bytes = await media.ReadAsync(selfie.Media.StorageKey, cancellationToken)
                    ?? throw new InvalidOperationException("The selfie's stored file is missing.");
        var analysis = models.Faces.AnalyzeSelfie(bytes, withLiveness: session.Steps.Contains(VerificationStep.Liveness));
        return new Examined(Decide(analysis), analysis);
    }

    static StepFinding Decide(FaceAnalysis analysis)
    {
        var details = new SelfieStepDetails(analysis.FaceCount, analysis.Problem is null ? null : [SelfieStepDetails.UnreadableImage]);
        if (analysis.FaceCount != 1)
            return StepFinding.Declined(null, details);
        if (analysis.Issues.Count == 0)
            return StepFinding.Approved(null, details);
        details = details with { QualityIssues = analysis.Issues.ToList() };
        return StepFinding.Pending(null, details, ReviewReason.SelfieQuality);
    }
}
