using Verilock.Checks.Documents;
using Verilock.Domain.Checks.Details;
using Verilock.Domain.Licences;
using Verilock.Domain.Mrz;
using Verilock.Domain.Sessions;
using Verilock.Infrastructure.Media;
using Verilock.Server.Aml;

namespace Verilock.Server.Checks;

/// <summary>
/// The live <c>document</c> step (spec §9, §15): reads the MRZ from the uploaded images — or, on driving licences
/// and ID cards, the AAMVA PDF417 barcode North-American cards carry instead — validates it, compares it with the
/// applicant's data and decides the step. Declined: the image cannot be decoded, or the document has expired.
/// Review: nothing machine-readable found (<c>mrz_not_found</c>), or a zone found whose check digits fail or whose
/// read is too unsure to decide on (<c>mrz_low_confidence</c>: an OCR slip is no proof of fraud, a person settles it).
/// </summary>
public sealed class DocumentStep(MediaStore media, CheckModels models, DocumentReaderOptions readerOptions, TimeProvider time) : ICheckStep
{
    public VerificationStep Step => VerificationStep.Document;

    /// <summary>
    /// A barcode that decodes has passed its own Reed-Solomon error correction, so its text is what was printed; it
    /// scores like a clean MRZ read. It carries no check digits and no security features we verify, hence not 1.
    /// </summary>
    public const double BarcodeScore = 0.95;

    public sealed record Reading(StepFinding Finding, DocumentIdentity? Identity);

    public async Task<StepFinding?> RunAsync(CheckRun run, CancellationToken cancellationToken)
    {
        var read = await ReadAsync(run.Session, cancellationToken);
        run.Identity = read.Identity;
        return read.Finding;
    }

    /// <summary>The DECLINE scenario fails the check digits (or, on a licence, has it expired).</summary>
    public StepFinding? Sandbox(CheckRun run)
    {
        run.Identity = SandboxChecks.Identity(run.Session);
        return SandboxChecks.Document(run.Session, valid: SandboxChecks.Scenario(run.Session) != "DECLINE");
    }

    public async Task<Reading> ReadAsync(Session session, CancellationToken cancellationToken)
    {
        var document = session.Document ?? throw new InvalidOperationException("A submitted document step has a document.");
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var images = new List<byte[]>();
        foreach (var side in SidesToRead(document))
        {
            if (await media.ReadAsync(side.StorageKey, cancellationToken) is { } bytes)
                images.Add(bytes);
        }

        // A driving licence is far likelier to carry a barcode than an MRZ (only a few countries print one), so the
        // cheaper, surer read goes first; an ID card is the other way round.
        var barcodeFirst = document.Type == "driving_license";
        if (barcodeFirst && ReadBarcode(images) is { } licenceFirst)
            return FromBarcode(session, document, licenceFirst, today);

        DocumentReadResult? best = null;
        foreach (var bytes in images)
        {
            var result = models.Ocr.Read(bytes, today);
            if (best is null || Rank(result.Outcome) > Rank(best.Outcome))
                best = result;
            if (best.Outcome == DocumentReadOutcome.MrzRead)
                return FromMrz(session, document, best, today);
        }
        if (!barcodeFirst && document.Type != "passport" && ReadBarcode(images) is { } licence)
            return FromBarcode(session, document, licence, today);
        return FromMrz(session, document, best, today);
    }

    /// <summary>
    /// ID cards carry their MRZ on the back, passports on the data page: the likelier side first. Licence barcodes
    /// are on the back too.
    /// </summary>
    private static IEnumerable<Domain.Media.StoredMedia> SidesToRead(SessionDocument document)
    {
        var sides = document.Type == "passport" ? new[] { document.Front, document.Back } : [document.Back, document.Front];
        return sides.OfType<Domain.Media.StoredMedia>();
    }

    private AamvaLicence? ReadBarcode(IEnumerable<byte[]> images) =>
        images.Select(bytes => LicenceBarcodeReader.Read(bytes, readerOptions.Limits)).FirstOrDefault(licence => licence is not null);

    private static int Rank(DocumentReadOutcome outcome) => outcome switch
    {
        DocumentReadOutcome.MrzRead => 3,
        DocumentReadOutcome.LowConfidence => 2,
        DocumentReadOutcome.NoMrzFound => 1,
        _ => 0,
    };

    /// <summary>Spec §15: approved when the barcode parses and the licence has not expired; the session compares the data.</summary>
    private static Reading FromBarcode(Session session, SessionDocument document, AamvaLicence licence, DateOnly today)
    {
        var consistency = LicenceApplicantComparison.Compare(session.Applicant, licence);
        var expired = licence.IsExpired(today);
        var details = new DocumentStepDetails(
            document.Type ?? licence.SpecDocumentType,
            licence.DocumentNumber,
            licence.Country,
            Nationality: null,
            licence.Surname,
            licence.GivenNames,
            licence.BirthDate,
            licence.Sex,
            licence.ExpiryDate,
            MrzValid: null,
            CheckDigits: null,
            expired,
            consistency,
            DocumentStepDetails.FromPdf417,
            LicenceBarcode.Aamva(licence.AamvaVersion, licence.Jurisdiction, licence.IssuerId));
        var identity = new DocumentIdentity(licence.Surname, licence.GivenNames, licence.BirthDate, null);
        return new Reading(expired ? StepFinding.Declined(BarcodeScore, details) : StepFinding.Approved(BarcodeScore, details), identity);
    }

    private static Reading FromMrz(Session session, SessionDocument document, DocumentReadResult? read, DateOnly today)
    {
        if (read?.Mrz is not { } mrz)
        {
            var unread = DocumentStepDetails.Unread(document.Type);
            return read?.Outcome == DocumentReadOutcome.NoMrzFound
                ? new Reading(StepFinding.Pending(null, unread, ReviewReason.MrzNotFound), null)
                : new Reading(StepFinding.Declined(0, unread), null);
        }

        var consistency = MrzApplicantComparison.Compare(session.Applicant, mrz);
        var expired = mrz.IsExpired(today);
        var details = Details(document, mrz, consistency, expired);
        var confidence = read.OcrConfidence;
        if (read.Outcome == DocumentReadOutcome.MrzRead)
        {
            var score = Math.Round(Math.Clamp(0.8 + 0.2 * confidence - 0.02 * mrz.Repairs, 0.5, 1), 2);
            var identity = new DocumentIdentity(mrz.Surname, mrz.GivenNames, mrz.DateOfBirth, Alpha2(mrz.Nationality));
            return new Reading(expired ? StepFinding.Declined(score, details) : StepFinding.Approved(score, details), identity);
        }
        // Found but not valid, or valid but unsure: a person compares the text read with the photo. Tesseract is as
        // confident about a 0 read for an O as about the right letter, so failing check digits on a confident read
        // are no more proof of a forged zone than of a glare spot, and declining would turn an applicant away for an
        // OCR slip; details.check_digits shows which failed and the dashboard shows the text.
        return new Reading(StepFinding.Pending(Math.Round(0.5 * confidence, 2), details, ReviewReason.MrzLowConfidence), null);
    }

    private static DocumentStepDetails Details(SessionDocument document, MrzReading mrz, DataConsistency consistency, bool expired) => new(
        document.Type ?? TypeFromCode(mrz.DocumentCode),
        mrz.DocumentNumber,
        Alpha2(mrz.IssuingState),
        Alpha2(mrz.Nationality),
        mrz.Surname,
        mrz.GivenNames,
        mrz.DateOfBirth,
        mrz.Sex,
        mrz.ExpiryDate,
        mrz.IsValid,
        new CheckDigitResults(mrz.CheckDigits.DocumentNumber, mrz.CheckDigits.DateOfBirth, mrz.CheckDigits.ExpiryDate, mrz.CheckDigits.Composite),
        expired,
        consistency,
        DocumentStepDetails.FromMrz,
        Barcode: null)
    {
        MrzText = mrz.Lines,
    };

    /// <summary>The API reports countries as ISO alpha-2, like the applicant's; ICAO-only codes stay as printed.</summary>
    private static string Alpha2(string icaoCode) => IcaoCountries.ToAlpha2(icaoCode) ?? icaoCode;

    private static string TypeFromCode(string documentCode) => documentCode.StartsWith('P') ? "passport" : "id_card";
}
