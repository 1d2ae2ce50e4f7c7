using System.Text.Json.Nodes;

namespace Verilock.Domain.Sessions;

public enum StepOutcome
{
    NotStarted,
    Pending,
    Approved,
    Declined,
}

/// <summary>One entry of a session's <c>results</c> (spec §9). Details are step-specific and filled by the checks.</summary>
public sealed record StepResult(StepOutcome Status, double? Score, JsonObject? Details)
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
