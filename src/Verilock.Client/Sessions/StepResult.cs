using System.Text.Json;

namespace Verilock.Client;

/// <summary>The result of one step (spec §9): its status, score and details.</summary>
public sealed class StepResult
{
    /// <summary><c>not_started</c>, <c>pending</c>, <c>approved</c> or <c>declined</c> (<see cref="StepStatuses"/>).</summary>
    public string Status { get; init; } = "";

    /// <summary>0–1, or null (the step's meaning: document confidence, similarity, liveness, highest AML match).</summary>
    public double? Score { get; init; }

    /// <summary>
    /// The step's details as sent (their shape differs per step, spec §9: MRZ fields, <c>similarity</c>, <c>is_live</c>,
    /// AML <c>matches</c>…); null until processed.
    /// </summary>
    public JsonElement? Details { get; init; }
}
