namespace Verilock.Domain.Licences;

/// <summary>
/// What a North-American licence or ID card's AAMVA barcode says about its holder, already normalised: dates as
/// dates whatever the issuer's order, sex as M/F/X, jurisdiction and country as alpha-2.
/// </summary>
public sealed record AamvaLicence(
    string IssuerId,
    int AamvaVersion,
    string DocumentType,
    string DocumentNumber,
    string Surname,
    string GivenNames,
    DateOnly BirthDate,
    DateOnly? ExpiryDate,
    DateOnly? IssueDate,
    string? Sex,
    string? Jurisdiction,
    string Country)
{
    /// <summary>The spec's document type: the barcode's DL subfile is a driving licence, its ID subfile an identity card.</summary>
    public string SpecDocumentType => DocumentType == "ID" ? "id_card" : "driving_license";

    /// <summary>A licence is valid through its expiry date; one without an expiry date never expires.</summary>
    public bool IsExpired(DateOnly today) => ExpiryDate is { } expiry && expiry < today;
}

/// <summary>Either a licence or the reason the text is not one; hostile or damaged input ends here, never in a throw.</summary>
public sealed record AamvaParseResult(AamvaLicence? Licence, string? Failure)
{
    public static AamvaParseResult Fail(string reason) => new(null, reason);
}
