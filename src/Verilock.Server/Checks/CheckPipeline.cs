using System.Text.Json.Nodes;
using Verilock.Domain.Sessions;
using Verilock.Server.Aml;

namespace Verilock.Server.Checks;

/// <summary>
/// Runs a submitted session's steps in order (ARCHITECTURE §1: document → face match → liveness → AML) and
/// collects their findings. It only reads and computes: the AML screening it creates is added to the
/// context and saved by the worker together with the session's outcome, so a crash anywhere before that
/// save leaves nothing behind and the next attempt starts clean.
/// </summary>
public sealed class CheckPipeline(SessionAmlScreening aml, DocumentStep document)
{
    /// <summary>The outcome, or null when a step cannot run yet (live sanctions lists still loading): retry later.</summary>
    public async Task<CheckOutcome?> RunAsync(Session session, CancellationToken cancellationToken)
    {
        var findings = new Dictionary<VerificationStep, StepFinding>();
        DocumentIdentity? identity = null;
        if (!session.LiveMode)
        {
            foreach (var (step, finding) in SandboxChecks.Run(session))
                findings[step] = finding;
            if (session.Steps.Contains(VerificationStep.Document))
                identity = SandboxChecks.Identity(session);
        }
        else
        {
            if (session.Steps.Contains(VerificationStep.Document))
            {
                var read = await document.RunAsync(session, cancellationToken);
                findings[VerificationStep.Document] = read.Finding;
                identity = read.Identity;
            }
            foreach (var step in session.Steps.Where(s => s is VerificationStep.Selfie or VerificationStep.FaceMatch or VerificationStep.Liveness))
                findings[step] = Unavailable(step);
        }

        if (session.Steps.Contains(VerificationStep.Aml))
        {
            var screened = aml.Screen(session, identity);
            if (screened is null)
                return null;
            findings[VerificationStep.Aml] = new StepFinding(screened.Step, screened.PotentialMatch ? ReviewReason.AmlPotentialMatch : null);
        }

        return new CheckOutcome(
            findings.ToDictionary(f => f.Key, f => f.Value.Result),
            findings.Values.Select(f => f.ReviewReason).OfType<string>().Distinct().ToList());
    }

    /// <summary>
    /// Selfie, face match and liveness are not checked by this version in live mode: the step waits for a
    /// person instead of passing unexamined.
    /// </summary>
    private static StepFinding Unavailable(VerificationStep step) => StepFinding.Pending(null, new JsonObject
    {
        ["reason"] = "This check is not available on this server yet; review the images.",
    }, step switch
    {
        VerificationStep.FaceMatch => ReviewReason.FaceMatchInconclusive,
        VerificationStep.Liveness => ReviewReason.LivenessInconclusive,
        _ => ReviewReason.CheckUnavailable,
    });
}
