using Verilock.Domain.Checks.Details;
using Verilock.Domain.Sessions;

namespace Verilock.Server.Checks;

/// <summary>What the checks concluded for each step, and the reasons a person should look (spec §7.2, §9).</summary>
/// <param name="SelfieEmbedding">The live selfie's face embedding, kept as the session's face template when it is approved (spec §20).</param>
public sealed record CheckOutcome(
    IReadOnlyDictionary<VerificationStep, StepResult> Results, IReadOnlyList<string> ReviewReasons, float[]? SelfieEmbedding = null);

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
