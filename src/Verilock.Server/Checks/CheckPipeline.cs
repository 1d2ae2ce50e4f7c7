using System.Diagnostics;
using Verilock.Domain.Sessions;
using Verilock.Server.Aml;

namespace Verilock.Server.Checks;

/// <summary>
/// Runs a submitted session's steps in order (ARCHITECTURE §1: document → face match → liveness → AML) and
/// collects their findings. It only reads and computes: the AML screening it creates is added to the
/// context and saved by the worker together with the session's outcome, so a crash anywhere before that
/// save leaves nothing behind and the next attempt starts clean.
/// </summary>
public sealed class CheckPipeline(
    SessionAmlScreening aml, DocumentStep document, SelfieStep selfie, FaceMatchStep faceMatch, LivenessStep liveness)
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
                var started = Stopwatch.GetTimestamp();
                var read = await document.RunAsync(session, cancellationToken);
                Ran(VerificationStep.Document, started);
                findings[VerificationStep.Document] = read.Finding;
                identity = read.Identity;
            }
            // face_match and liveness need a selfie step (spec §8.1), so the selfie is examined once for all three.
            if (session.Steps.Contains(VerificationStep.Selfie))
            {
                var started = Stopwatch.GetTimestamp();
                var examined = await selfie.RunAsync(session, cancellationToken);
                Ran(VerificationStep.Selfie, started);
                findings[VerificationStep.Selfie] = examined.Finding;
                if (session.Steps.Contains(VerificationStep.FaceMatch))
                {
                    started = Stopwatch.GetTimestamp();
                    findings[VerificationStep.FaceMatch] = await faceMatch.RunAsync(session, examined.Analysis, cancellationToken);
                    Ran(VerificationStep.FaceMatch, started);
                }
                if (session.Steps.Contains(VerificationStep.Liveness))
                {
                    started = Stopwatch.GetTimestamp();
                    findings[VerificationStep.Liveness] = await liveness.RunAsync(session, examined.Analysis, cancellationToken);
                    Ran(VerificationStep.Liveness, started);
                }
            }
        }

        if (session.Steps.Contains(VerificationStep.Aml))
        {
            var started = Stopwatch.GetTimestamp();
            var screened = aml.Screen(session, identity);
            if (screened is null)
                return null;
            Ran(VerificationStep.Aml, started);
            findings[VerificationStep.Aml] = new StepFinding(screened.Step, screened.PotentialMatch ? ReviewReason.AmlPotentialMatch : null);
        }

        return new CheckOutcome(
            findings.ToDictionary(f => f.Key, f => f.Value.Result),
            findings.Values.Select(f => f.ReviewReason).OfType<string>().Distinct().ToList());
    }

    /// <summary><c>verilock_check_duration_seconds</c> by step; sandbox steps are simulated, so only live ones and AML count.</summary>
    private static void Ran(VerificationStep step, long started) =>
        Operations.ServerMetrics.CheckStepRan(step.ToWire(), Stopwatch.GetElapsedTime(started));
}
