namespace Verilock.Domain.Sessions;

/// <summary>
/// The values of <c>review_reasons</c> (spec §7.2). The last four extend the spec for capture problems a
/// person can settle but the machine cannot: a photo without a readable MRZ, or a dark selfie, is not proof of fraud.
/// </summary>
public static class ReviewReason
{
    public const string FaceMatchInconclusive = "face_match_inconclusive";
    public const string LivenessInconclusive = "liveness_inconclusive";
    public const string AmlPotentialMatch = "aml_potential_match";
    public const string DataMismatch = "data_mismatch";
    public const string RiskHigh = "risk_high";

    /// <summary>No machine-readable zone was found on the document images.</summary>
    public const string MrzNotFound = "mrz_not_found";

    /// <summary>An MRZ was read, but the OCR was too unsure of it to decide on.</summary>
    public const string MrzLowConfidence = "mrz_low_confidence";

    /// <summary>The selfie shows one face but fails a quality gate (too small, blurred, dark, eyes closed, turned away).</summary>
    public const string SelfieQuality = "selfie_quality";

    /// <summary>The profile asks for <c>face_duplicate_check</c> and the face matches another session of the account at 90 or more (spec §20).</summary>
    public const string FaceDuplicate = "face_duplicate";

    /// <summary>The checks failed repeatedly on this session (an internal error); a person should look.</summary>
    public const string ProcessingError = "processing_error";

    /// <summary>An orchestration rule with the <c>review</c> action matched (spec §18).</summary>
    public const string RuleReview = "rule_review";
}
