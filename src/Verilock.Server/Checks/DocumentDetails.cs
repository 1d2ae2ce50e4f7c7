using System.Globalization;
using System.Text.Json.Nodes;

namespace Verilock.Server.Checks;

/// <summary>
/// The <c>results.document.details</c> object of spec §9 (§15 for licence barcodes), in the spec's field order.
/// <see cref="CheckDigits"/> and <see cref="MrzValid"/> are null when the data came from a barcode, which has none.
/// </summary>
public sealed record DocumentDetails(
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
    CheckDigitDetails? CheckDigits,
    bool DocumentExpired,
    bool? NameMatch,
    bool? DobMatch,
    bool? NationalityMatch,
    string? Source,
    LicenceBarcode? Barcode)
{
    /// <summary><c>source</c>: where the data was read.</summary>
    public const string FromMrz = "mrz";

    public const string FromPdf417 = "pdf417";

    public JsonObject ToJson() => new()
    {
        ["document_type"] = DocumentType,
        ["document_number"] = DocumentNumber,
        ["issuing_country"] = IssuingCountry,
        ["nationality"] = Nationality,
        ["surname"] = Surname,
        ["given_names"] = GivenNames,
        ["date_of_birth"] = Date(DateOfBirth),
        ["sex"] = Sex,
        ["expiry_date"] = Date(ExpiryDate),
        ["mrz_valid"] = MrzValid,
        ["check_digits"] = CheckDigits is null ? null : new JsonObject
        {
            ["document_number"] = CheckDigits.DocumentNumber,
            ["date_of_birth"] = CheckDigits.DateOfBirth,
            ["expiry_date"] = CheckDigits.ExpiryDate,
            ["composite"] = CheckDigits.Composite,
        },
        ["document_expired"] = DocumentExpired,
        ["data_consistency"] = new JsonObject
        {
            ["name_match"] = NameMatch,
            ["dob_match"] = DobMatch,
            ["nationality_match"] = NationalityMatch,
        },
        ["source"] = Source,
        ["barcode"] = Barcode is null ? null : new JsonObject
        {
            ["format"] = Barcode.Format,
            ["aamva_version"] = Barcode.AamvaVersion,
            ["jurisdiction"] = Barcode.Jurisdiction,
            ["issuer_id"] = Barcode.IssuerId,
        },
    };

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Which of the MRZ's check digits hold; null for one the format does not have.</summary>
public sealed record CheckDigitDetails(bool? DocumentNumber, bool? DateOfBirth, bool? ExpiryDate, bool? Composite);

/// <summary>The <c>barcode</c> object of spec §15: what kind of barcode was read and who issued it.</summary>
public sealed record LicenceBarcode(int AamvaVersion, string? Jurisdiction, string IssuerId)
{
    public string Format => "aamva";
}
