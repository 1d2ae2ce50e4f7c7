namespace Verilock.Domain.Mrz;

/// <summary>What ICAO 9303 allows at a position; repair uses it to tell an OCR confusion from a real character.</summary>
internal enum MrzCharClass
{
    /// <summary>Names, country codes, document code: A–Z and filler.</summary>
    Letters,

    /// <summary>Dates and check digits: 0–9, filler only where a field is unknown or unused.</summary>
    Digits,

    /// <summary>Document number and optional data: anything, so only check digits can tell a confusion.</summary>
    Alphanumeric,

    /// <summary>M, F, X or filler.</summary>
    Sex,
}
