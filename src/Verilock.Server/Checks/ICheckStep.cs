using Verilock.Domain.Sessions;

namespace Verilock.Server.Checks;

/// <summary>
/// The Server's side of one check step, beside its Domain descriptor (<c>Domain/Checks/StepDescriptors</c>): how it
/// runs on a live session and what it concludes on a test-mode one (spec §2.2). Registered once in
/// <see cref="CheckRegistration"/>; the pipeline runs the session's steps in descriptor order, so a step reads what
/// an earlier one left in the <see cref="CheckRun"/>. The registry test fails for a step without one.
/// </summary>
public interface ICheckStep
{
    VerificationStep Step { get; }

    /// <summary>The live check; null when it cannot run yet (live sanctions lists still loading): retry later.</summary>
    Task<StepFinding?> RunAsync(CheckRun run, CancellationToken cancellationToken);

    /// <summary>The test-mode outcome, chosen by the applicant's last name (<see cref="SandboxChecks.Scenario"/>); null as in <see cref="RunAsync"/>.</summary>
    StepFinding? Sandbox(CheckRun run);
}
