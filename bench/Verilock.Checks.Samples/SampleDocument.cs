namespace Verilock.Checks.Samples;

/// <summary>
/// The ICAO 9303 layouts the samples cover: a passport data page (TD3, 2 × 44), an ID card (TD1, 3 × 30), and the
/// two machine-readable visas (MRV-A, 2 × 44, and MRV-B, 2 × 36, without a composite check digit).
/// </summary>
public enum SampleLayout { Passport, IdCard, VisaA, VisaB }

/// <summary>A fictional holder and document; <see cref="MrzLines"/> is what a perfect reader returns.</summary>
public sealed record SampleDocument(
    SampleLayout Layout,
    string DocumentCode,
    string IssuingState,
    string Surname,
    string GivenNames,
    string DocumentNumber,
    string Nationality,
    DateOnly DateOfBirth,
    char Sex,
    DateOnly ExpiryDate,
    string OptionalData)
{
    public IReadOnlyList<string> MrzLines => PrintedZone ?? MrzComposer.Compose(this);

    /// <summary>Lines printed instead of the composed zone: a misprinted or tampered zone whose check digits fail.</summary>
    public IReadOnlyList<string>? PrintedZone { get; init; }

    /// <summary>A photo of the holder to print in the portrait box (encoded JPEG or PNG); null draws a drawn stand-in.</summary>
    public byte[]? Portrait { get; init; }

    /// <summary>Surname and given names as the zone holds them: long names are cut to fit the name field.</summary>
    public (string Surname, string GivenNames) NamesInZone => MrzComposer.NamesInZone(this);

    /// <summary>A short name for file names and reports that carries no holder data.</summary>
    public string Label => $"{Layout.ToString().ToLowerInvariant()}-{IssuingState.ToLowerInvariant()}";
}
