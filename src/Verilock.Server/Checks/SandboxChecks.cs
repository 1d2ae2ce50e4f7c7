using Verilock.Domain.Checks.Details;
using Verilock.Domain.Mrz;
using Verilock.Domain.Sessions;
using Verilock.Server.Aml;

namespace Verilock.Server.Checks;

/// <summary>
/// The simulated, deterministic checks of test mode (spec §2.2): images are not examined; the applicant's
/// last name picks the scenario, and a scenario whose step the session lacks falls back to the default.
/// AML is not simulated here: test-mode screenings already run against the synthetic <c>sandbox</c> list.
/// </summary>
public static class SandboxChecks
{
    public const string DocumentNumber = "SBX0000001";
    public static readonly DateOnly DefaultBirthDate = new(1990, 1, 1);
    public const string DefaultNationality = "FR";

    // The simulated licence is Californian: the spec's own example of a barcode.
    private const string LicenceCountry = "US";
    private const string LicenceJurisdiction = "CA";
    private const string LicenceIssuer = "636014";

    public static Dictionary<VerificationStep, StepFinding> Run(Session session)
    {
        var scenario = session.Applicant.LastName?.Trim().ToUpperInvariant();
        bool Is(string name, VerificationStep step) => scenario == name && session.Steps.Contains(step);

        var findings = new Dictionary<VerificationStep, StepFinding>();
        foreach (var step in session.Steps.Where(s => s != VerificationStep.Aml))
        {
            findings[step] = step switch
            {
                VerificationStep.Document => Document(session, valid: !Is("DECLINE", step)),
                VerificationStep.Selfie => StepFinding.Approved(null, new SelfieStepDetails(1)),
                VerificationStep.FaceMatch when Is("NOMATCH", step) => StepFinding.Declined(0.31, FaceMatch(0.31, "low")),
                VerificationStep.FaceMatch when Is("REVIEW", step) =>
                    StepFinding.Pending(0.70, FaceMatch(0.70, "medium"), ReviewReason.FaceMatchInconclusive),
                VerificationStep.FaceMatch => StepFinding.Approved(0.96, FaceMatch(0.96, "very_high")),
                VerificationStep.Liveness when Is("SPOOF", step) => StepFinding.Declined(0.12, Liveness(session, live: false)),
                VerificationStep.Liveness => StepFinding.Approved(0.97, Liveness(session, live: true)),
                _ => throw new ArgumentOutOfRangeException(nameof(session), step, "Not a simulated step."),
            };
        }
        return findings;
    }

    /// <summary>The document the sandbox "reads": the applicant's own data, with the spec's placeholders.</summary>
    public static DocumentIdentity Identity(Session session) => new(
        session.Applicant.LastName?.ToUpperInvariant(),
        session.Applicant.FirstName?.ToUpperInvariant(),
        session.Applicant.DateOfBirth ?? DefaultBirthDate,
        session.Applicant.Nationality ?? DefaultNationality);

    /// <summary>
    /// A passport or ID card "reads" as an MRZ; a driving licence as the AAMVA barcode of spec §15 (a Californian
    /// licence), whose DECLINE scenario is an expired licence since a barcode has no check digits to fail.
    /// </summary>
    private static StepFinding Document(Session session, bool valid)
    {
        var identity = Identity(session);
        var applicant = session.Applicant;
        var type = session.Document?.Type ?? "passport";
        var licence = type == "driving_license";
        var validUntil = DateOnly.FromDateTime(session.CreatedAt).AddYears(5);
        var details = new DocumentStepDetails(
            type,
            DocumentNumber,
            licence ? LicenceCountry : identity.Nationality,
            licence ? null : identity.Nationality,
            identity.Surname,
            identity.GivenNames,
            identity.DateOfBirth,
            null,
            licence && !valid ? DateOnly.FromDateTime(session.CreatedAt).AddYears(-1) : validUntil,
            MrzValid: licence ? null : valid,
            CheckDigits: licence ? null : new CheckDigitResults(valid, valid, valid, valid),
            DocumentExpired: licence && !valid,
            new DataConsistency(
                NameMatch: applicant.FirstName is null && applicant.LastName is null ? null : true,
                DobMatch: applicant.DateOfBirth is null ? null : true,
                NationalityMatch: licence || applicant.Nationality is null ? null : true),
            Source: licence ? DocumentStepDetails.FromPdf417 : DocumentStepDetails.FromMrz,
            Barcode: licence ? LicenceBarcode.Aamva(10, LicenceJurisdiction, LicenceIssuer) : null);
        return valid ? StepFinding.Approved(0.98, details) : StepFinding.Declined(0.12, details);
    }

    private static FaceMatchStepDetails FaceMatch(double similarity, string label) => new(similarity, label);

    private static LivenessStepDetails Liveness(Session session, bool live) => new(live, session.Settings.LivenessMode, []);
}
