namespace Verilock.Checks.Samples;

/// <summary>
/// Fictional documents for the rendered set. They mix the characters OCR confuses (0/O, 1/I, 5/S, 8/B, 2/Z)
/// in numbers and names, long names that fill the name field, and both layouts.
/// </summary>
public static class SampleDocuments
{
    /// <summary>ICAO 9303's own specimen (state "UTO"), so the expected lines can be checked against the standard.</summary>
    public static readonly SampleDocument Specimen = new(
        SampleLayout.Passport, "P", "UTO", "ERIKSSON", "ANNA MARIA", "L898902C3", "UTO",
        new DateOnly(1974, 8, 12), 'F', new DateOnly(2032, 4, 15), "ZE184226B");

    public static readonly IReadOnlyList<SampleDocument> All =
    [
        Specimen,
        new(SampleLayout.Passport, "P", "D", "MUSTERMANN", "ERIKA", "C01X00T47", "D",
            new DateOnly(1983, 8, 12), 'F', new DateOnly(2031, 10, 31), ""),
        new(SampleLayout.Passport, "P", "GBR", "OBRIEN SMITH", "JONATHAN BARTHOLOMEW ALEXANDER", "503119842", "GBR",
            new DateOnly(1990, 1, 5), 'M', new DateOnly(2029, 12, 1), ""),
        new(SampleLayout.IdCard, "I", "UTO", "ERIKSSON", "ANNA MARIA", "D23145890", "UTO",
            new DateOnly(1974, 8, 12), 'F', new DateOnly(2030, 7, 2), ""),
        new(SampleLayout.IdCard, "ID", "FRA", "BOIS DE LA FONTAINE", "ZOE", "X5B8IO021", "FRA",
            new DateOnly(2001, 11, 30), 'F', new DateOnly(2034, 2, 28), "88Z1S0"),
    ];
}
