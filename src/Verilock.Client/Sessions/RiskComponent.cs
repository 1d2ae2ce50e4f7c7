using System.Text.Json;

namespace Verilock.Client;

/// <summary>One component of a <see cref="RiskAssessment"/>.</summary>
public sealed class RiskComponent
{
    /// <summary>0–100, higher is riskier.</summary>
    public int Score { get; init; }

    /// <summary>The component's share of the composite (weights sum to 1).</summary>
    public double Weight { get; init; }

    /// <summary><see cref="Score"/> × <see cref="Weight"/>, rounded to 2 places.</summary>
    public double WeightedScore { get; init; }

    /// <summary>What the score was computed from (e.g. <c>similarity</c>, <c>mrz_valid</c>).</summary>
    public JsonElement? Details { get; init; }
}
