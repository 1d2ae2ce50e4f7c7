namespace Verilock.Client;

/// <summary>Why a session is in review (<c>review_reasons</c>, spec §7.2).</summary>
public static class ReviewReasons
{
    /// <summary>Similarity between 0.60 and 0.80.</summary>
    public const string FaceMatchInconclusive = "face_match_inconclusive";

    /// <summary>Liveness between 0.50 and the threshold.</summary>
    public const string LivenessInconclusive = "liveness_inconclusive";

    /// <summary>An AML match at or above the threshold.</summary>
    public const string AmlPotentialMatch = "aml_potential_match";

    /// <summary>The document disagrees with the applicant's data.</summary>
    public const string DataMismatch = "data_mismatch";

    /// <summary>Risk score 51 or more.</summary>
    public const string RiskHigh = "risk_high";
}
