namespace Verilock.Domain.Mrz;

/// <summary>
/// Whether each check digit agrees with its field. Null where the format has no such check digit
/// (optional data outside TD3; composite on visas).
/// </summary>
public sealed record MrzCheckDigits(bool DocumentNumber, bool DateOfBirth, bool ExpiryDate, bool? OptionalData, bool? Composite)
{
    public bool AllValid => DocumentNumber && DateOfBirth && ExpiryDate && OptionalData != false && Composite != false;

    /// <summary>How many of the applicable check digits agree; the parser ranks candidate readings by it.</summary>
    public int PassingCount =>
        (DocumentNumber ? 1 : 0) + (DateOfBirth ? 1 : 0) + (ExpiryDate ? 1 : 0) + (OptionalData == true ? 1 : 0) + (Composite == true ? 1 : 0);
}
