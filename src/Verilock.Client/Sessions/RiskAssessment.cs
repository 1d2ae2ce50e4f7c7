namespace Verilock.Client;

/// <summary>A session's risk breakdown (spec §10), fixed when its checks finished.</summary>
public sealed class RiskAssessment : VerilockEntity
{
    /// <summary>The session's id.</summary>
    public string SessionId { get; init; } = "";

    /// <summary>0–100: the rounded sum of the components' weighted scores (the session's <c>risk_score</c>).</summary>
    public int CompositeScore { get; init; }

    /// <summary>See <see cref="RiskLevels"/>.</summary>
    public string RiskLevel { get; init; } = "";

    /// <summary>Per component: <c>document_authenticity</c>, <c>face_match</c>, <c>liveness</c>, <c>aml_screening</c>, <c>data_consistency</c>.</summary>
    public IReadOnlyDictionary<string, RiskComponent> Components { get; init; } = new Dictionary<string, RiskComponent>();

    /// <summary>When it was calculated.</summary>
    public DateTimeOffset CalculatedAt { get; init; }
}
