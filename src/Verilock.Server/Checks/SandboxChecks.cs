using Verilock.Domain.Checks.Details;
using Verilock.Domain.Mrz;
using Verilock.Domain.Sessions;
using Verilock.Server.Aml;

namespace Verilock.Server.Checks;

/// <summary>
/// What the simulated, deterministic checks of test mode (spec §2.2) share: images are not examined; the applicant's
/// last name picks the scenario, and a scenario whose step the session lacks falls back to the default (each
/// step's <see cref="ICheckStep.Sandbox"/> reads only its own). AML is not simulated: test-mode screenings run
/// against the synthetic <c>sandbox</c> list.
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

    /// <summary>The scenario a test-mode session asks for: its applicant's last name, upper case (DECLINE, NOMATCH, REVIEW, SPOOF).</summary>
    public static string? Scenario(Session session) => session.Applicant.LastName?.Trim().ToUpperInvariant();

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
    public static StepFinding Document(Session session, bool valid)
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
}
