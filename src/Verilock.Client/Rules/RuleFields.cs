namespace Verilock.Client;

/// <summary>The session fields a rule condition can test (spec §18); <c>metadata.&lt;key&gt;</c> tests your metadata.</summary>
public static class RuleFields
{
    /// <summary>0–100.</summary>
    public const string RiskScore = "risk_score";

    /// <summary><c>low</c>, <c>medium</c>, <c>high</c>, <c>critical</c>.</summary>
    public const string RiskLevel = "risk_level";

    /// <summary>A <see cref="DocumentTypes"/> value.</summary>
    public const string DocumentType = "document.type";

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public const string DocumentIssuingCountry = "document.issuing_country";

    /// <summary>true or false.</summary>
    public const string DocumentExpired = "document.expired";

    /// <summary>0–1.</summary>
    public const string FaceMatchSimilarity = "face_match.similarity";

    /// <summary>0–1.</summary>
    public const string LivenessScore = "liveness.score";

    /// <summary><c>clear</c> or <c>match</c>.</summary>
    public const string AmlStatus = "aml.status";

    /// <summary>0–1.</summary>
    public const string AmlHighestScore = "aml.highest_score";

    /// <summary>Whole years.</summary>
    public const string PersonAge = "person.age";

    /// <summary>ISO 3166-1 alpha-2.</summary>
    public const string PersonNationality = "person.nationality";

    /// <summary>The session's steps (operator <c>contains</c>).</summary>
    public const string SessionSteps = "session.steps";

    /// <summary>A key of the session's metadata.</summary>
    public static string Metadata(string key) => "metadata." + key;
}
