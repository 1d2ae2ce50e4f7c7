using Verilock.Domain.Checks.Details;
using Verilock.Domain.Sessions;

namespace Verilock.Server.Checks;

/// <summary>What the checks concluded for each step, and the reasons a person should look (spec §7.2, §9).</summary>
public sealed record CheckOutcome(IReadOnlyDictionary<VerificationStep, StepResult> Results, IReadOnlyList<string> ReviewReasons);

/// <summary>One step's result and its review reason, if it needs a person.</summary>
public sealed record StepFinding(StepResult Result, string? ReviewReason = null)
{
    public static StepFinding Approved(double? score, StepDetails? details) =>
        new(new StepResult(StepOutcome.Approved, score, details));

    public static StepFinding Declined(double? score, StepDetails? details) =>
        new(new StepResult(StepOutcome.Declined, score, details));

    public static StepFinding Pending(double? score, StepDetails? details, string reason) =>
        new(new StepResult(StepOutcome.Pending, score, details), reason);
}
