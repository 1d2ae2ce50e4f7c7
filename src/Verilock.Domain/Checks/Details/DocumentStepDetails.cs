using System.Text.Json.Serialization;
using Verilock.Domain.Common;
using Verilock.Domain.Mrz;

namespace Verilock.Domain.Checks.Details;

/// <summary>
/// <c>results.document.details</c> (spec §9; §15 for licence barcodes). <see cref="CheckDigits"/> and
/// <see cref="MrzValid"/> are null when the data came from a barcode, which has none; <see cref="Source"/> is null
/// when nothing was read.
/// </summary>
public sealed record DocumentStepDetails(
    string? DocumentType,
    string? DocumentNumber,
    string? IssuingCountry,
    string? Nationality,
    string? Surname,
    string? GivenNames,
    DateOnly? DateOfBirth,
    string? Sex,
    DateOnly? ExpiryDate,
    bool? MrzValid,
    CheckDigitResults? CheckDigits,
    bool DocumentExpired,
    DataConsistency DataConsistency,
    string? Source,
    LicenceBarcode? Barcode) : StepDetails
{
    /// <summary><c>source</c> values: where the data was read.</summary>
    public const string FromMrz = "mrz";

    public const string FromPdf417 = "pdf417";

    /// <summary>
    /// The zone's lines as the reader saw them (after fitting each line to its length), for the operator who compares
    /// them with the photo when a check digit fails. Stored with the result and deleted with it; never on the wire.
    /// </summary>
    [NotOnWire]
    public IReadOnlyList<string>? MrzText { get; init; }

    /// <summary>Nothing read: every document field is null (spec §9), nothing could be compared, and no source.</summary>
    public static DocumentStepDetails Unread(string? documentType) => new(
        documentType, null, null, null, null, null, null, null, null, false, new CheckDigitResults(null, null, null, null), false,
        new DataConsistency(null, null, null), Source: null, Barcode: null);

    /// <summary>Whether any compared value contradicts the applicant (the session's <c>data_mismatch</c>); not a wire field.</summary>
    [JsonIgnore]
    public bool ContradictsApplicant =>
        DataConsistency.NameMatch == false || DataConsistency.DobMatch == false || DataConsistency.NationalityMatch == false;
}

/// <summary>Which of the MRZ's check digits hold; null for one the format does not have or that was not read.</summary>
public sealed record CheckDigitResults(bool? DocumentNumber, bool? DateOfBirth, bool? ExpiryDate, bool? Composite);

/// <summary>The <c>barcode</c> object of spec §15: what kind of barcode was read and who issued it.</summary>
public sealed record LicenceBarcode(string Format, int AamvaVersion, string? Jurisdiction, string IssuerId)
{
    public static LicenceBarcode Aamva(int version, string? jurisdiction, string issuerId) => new("aamva", version, jurisdiction, issuerId);
}
