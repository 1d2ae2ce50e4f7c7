using System.Diagnostics;
using Verilock.Domain.Checks;
using Verilock.Domain.Sessions;

namespace Verilock.Server.Checks;

/// <summary>
/// Runs a submitted session's steps in descriptor order (ARCHITECTURE §1: document → face match → liveness → AML),
/// each by its registered <see cref="ICheckStep"/> — live, or its sandbox outcome in test mode — and collects their
/// findings. It only reads and computes: the AML screening it creates is added to the context and saved by the
/// worker together with the session's outcome, so a crash anywhere before that save leaves nothing behind and the
/// next attempt starts clean.
/// </summary>
public sealed class CheckPipeline(IEnumerable<ICheckStep> steps)
{
    private readonly Dictionary<VerificationStep, ICheckStep> _steps = steps.ToDictionary(s => s.Step);

    /// <summary>The outcome, or null when a step cannot run yet (live sanctions lists still loading): retry later.</summary>
    public async Task<CheckOutcome?> RunAsync(Session session, CancellationToken cancellationToken)
    {
        var run = new CheckRun(session);
        var findings = new Dictionary<VerificationStep, StepFinding>();
        foreach (var descriptor in StepDescriptors.All.Where(d => session.Steps.Contains(d.Step)))
        {
            var step = _steps[descriptor.Step];
            var started = Stopwatch.GetTimestamp();
            var finding = session.LiveMode ? await step.RunAsync(run, cancellationToken) : step.Sandbox(run);
            if (finding is null)
                return null;
            Operations.ServerMetrics.CheckStepRan(descriptor.Step.ToWire(), Stopwatch.GetElapsedTime(started));
            findings[descriptor.Step] = finding;
        }

        return new CheckOutcome(
            findings.ToDictionary(f => f.Key, f => f.Value.Result),
            findings.Values.Select(f => f.ReviewReason).OfType<string>().Distinct().ToList(),
            run.Selfie?.Embedding);
    }
}
