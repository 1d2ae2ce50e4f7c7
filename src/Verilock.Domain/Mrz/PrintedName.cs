namespace Verilock.Domain.Mrz;

/// <summary>
/// A holder's name as a document carries it, in ICAO letters: A–Z, words separated by single spaces. An MRZ is
/// already written so; a licence barcode's name is brought to it by <see cref="FromDocumentText"/>, so one
/// comparison serves both.
/// </summary>
/// <param name="MayBeTruncated">The document cut the name at the end of its field, so a longer name it starts may match.</param>
public sealed record PrintedName(string Surname, string GivenNames, bool MayBeTruncated = false)
{
    /// <summary>Names printed in Latin letters with punctuation (O'BRIEN, SAINT-JEAN), in ICAO's first spelling.</summary>
    public static PrintedName FromDocumentText(string surname, string givenNames, bool mayBeTruncated = false) =>
        new(Icao(surname), Icao(givenNames), mayBeTruncated);

    private static string Icao(string name) =>
        IcaoTransliteration.Spellings(name) is [var first, ..] ? string.Join(' ', first) : "";
}
