using Verilock.Domain.Sessions;
using Verilock.Server.Checks;

namespace Verilock.Server.Aml;

/// <summary>
/// The <c>aml</c> check step: screens what the document step read, else the applicant (<see cref="SessionAmlScreening"/>).
/// Test mode is not simulated: its screenings run against the synthetic <c>sandbox</c> list, so both paths screen.
/// </summary>
public sealed class AmlStep(SessionAmlScreening screening) : ICheckStep
{
    public VerificationStep Step => VerificationStep.Aml;

    public Task<StepFinding?> RunAsync(CheckRun run, CancellationToken cancellationToken) => Task.FromResult(Screen(run));

    public StepFinding? Sandbox(CheckRun run) => Screen(run);

    StepFinding? Screen(CheckRun run) =>
        screening.Screen(run.Session, run.Identity) is { } screened
            ? new StepFinding(screened.Step, screened.PotentialMatch ? ReviewReason.AmlPotentialMatch : null)
            : null;
}
