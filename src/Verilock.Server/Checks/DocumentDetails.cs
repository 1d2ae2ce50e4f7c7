using System.Globalization;
using System.Text.Json.Nodes;

namespace Verilock.Server.Checks;

/// <summary>The <c>results.document.details</c> object of spec §9, in the spec's field order.</summary>
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
    bool MrzValid,
    bool? DocumentNumberCheck,
    bool? DateOfBirthCheck,
    bool? ExpiryDateCheck,
    bool? CompositeCheck,
    bool DocumentExpired,
    bool? NameMatch,
    bool? DobMatch,
    bool? NationalityMatch)
{
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
        ["check_digits"] = new JsonObject
        {
            ["document_number"] = DocumentNumberCheck,
            ["date_of_birth"] = DateOfBirthCheck,
            ["expiry_date"] = ExpiryDateCheck,
            ["composite"] = CompositeCheck,
        },
        ["document_expired"] = DocumentExpired,
        ["data_consistency"] = new JsonObject
        {
            ["name_match"] = NameMatch,
            ["dob_match"] = DobMatch,
            ["nationality_match"] = NationalityMatch,
        },
    };

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
