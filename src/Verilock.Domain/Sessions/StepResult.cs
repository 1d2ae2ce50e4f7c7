using Verilock.Domain.Checks.Details;

namespace Verilock.Domain.Sessions;

public enum StepOutcome
{
    NotStarted,
    Pending,
    Approved,
    Declined,
}

/// <summary>One entry of a session's <c>results</c> (spec §9). Details are the step's own record, filled by the checks.</summary>
public sealed record StepResult(StepOutcome Status, double? Score, StepDetails? Details)
{
    public static StepResult NotStarted { get; } = new(StepOutcome.NotStarted, null, null);

    public static string ToWire(StepOutcome outcome) => outcome switch
    {
        StepOutcome.NotStarted => "not_started",
        StepOutcome.Pending => "pending",
        StepOutcome.Approved => "approved",
        _ => "declined",
    };
}
