namespace Verilock.Domain.Mrz;

/// <summary>The fields of one machine-readable zone, after repair, with the verdict of its check digits.</summary>
public sealed record MrzReading(
    MrzFormat Format,
    IReadOnlyList<string> Lines,
    string DocumentCode,
    string IssuingState,
    string Surname,
    string GivenNames,
    string DocumentNumber,
    string Nationality,
    DateOnly? DateOfBirth,
    string? Sex,
    DateOnly? ExpiryDate,
    string OptionalData,
    MrzCheckDigits CheckDigits,
    int Repairs)
{
    /// <summary>
    /// True when the name fills its field to the last position, so ICAO truncation may have cut it
    /// (the comparison then accepts the MRZ name as a prefix of the applicant's).
    /// </summary>
    public bool NameMayBeTruncated { get; init; }

    /// <summary>All applicable check digits agree.</summary>
    public bool IsValid => CheckDigits.AllValid;

    public bool IssuingStateIsKnown => IcaoCountries.IsKnown(IssuingState);

    public bool NationalityIsKnown => IcaoCountries.IsKnown(Nationality);

    /// <summary>A document is valid through its expiry day; an unreadable expiry date is not treated as expired.</summary>
    public bool IsExpired(DateOnly today) => ExpiryDate is { } expiry && expiry < today;
}
