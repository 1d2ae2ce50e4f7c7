using System.Text.Json.Nodes;

namespace Verilock.Domain.Checks;

/// <summary>A session's risk breakdown (spec §10), fixed when the automatic checks finish.</summary>
public sealed record RiskAssessment(
    int CompositeScore,
    string Level,
    IReadOnlyList<RiskComponent> Components,
    DateTime CalculatedAt);

/// <param name="Score">0–100, higher is riskier.</param>
/// <param name="Weight">This component's default weight over the sum of the defaults present, rounded to 4 places.</param>
public sealed record RiskComponent(string Name, int Score, double Weight, double WeightedScore, JsonObject Details);
