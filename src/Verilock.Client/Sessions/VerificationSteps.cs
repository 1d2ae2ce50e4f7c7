namespace Verilock.Client;

/// <summary>The steps a session can have (spec §8.1).</summary>
public static class VerificationSteps
{
    /// <summary>An identity document (MRZ or PDF417 read, checked against the applicant).</summary>
    public const string Document = "document";

    /// <summary>A selfie with exactly one face.</summary>
    public const string Selfie = "selfie";

    /// <summary>The selfie against the document's portrait (needs document and selfie).</summary>
    public const string FaceMatch = "face_match";

    /// <summary>A live person in the selfie (needs selfie).</summary>
    public const string Liveness = "liveness";

    /// <summary>Sanctions screening of the applicant.</summary>
    public const string Aml = "aml";
}
