namespace Verilock.Domain.Mrz;

/// <summary>The five ICAO 9303 layouts. Positions are 0-based; the standard counts from 1.</summary>
internal static class MrzLayouts
{
    public static readonly MrzLayout Td1 = new()
    {
        Format = MrzFormat.Td1,
        LineCount = 3,
        LineLength = 30,
        DocumentCode = new(0, 0, 2),
        IssuingState = new(0, 2, 3),
        DocumentNumber = new(0, 5, 9),
        DocumentNumberCheck = new(0, 14, 1),
        DateOfBirth = new(1, 0, 6),
        DateOfBirthCheck = new(1, 6, 1),
        Sex = new(1, 7, 1),
        ExpiryDate = new(1, 8, 6),
        ExpiryDateCheck = new(1, 14, 1),
        Nationality = new(1, 15, 3),
        OptionalData = [new(0, 15, 15), new(1, 18, 11)],
        Composite = new(1, 29, 1),
        CompositeCovers = [new(0, 5, 25), new(1, 0, 7), new(1, 8, 7), new(1, 18, 11)],
        DocumentNumberCanOverflow = true,
        Name = new(2, 0, 30),
    };

    public static readonly MrzLayout Td2 = TwoLine(MrzFormat.Td2, 36, hasComposite: true);
    public static readonly MrzLayout Td3 = TwoLine(MrzFormat.Td3, 44, hasComposite: true);
    public static readonly MrzLayout MrvA = TwoLine(MrzFormat.MrvA, 44, hasComposite: false);
    public static readonly MrzLayout MrvB = TwoLine(MrzFormat.MrvB, 36, hasComposite: false);

    // TD2, TD3 and both visas share the same second line up to the expiry check digit; they differ in what
    // follows it: optional data, TD3's personal-number check digit, and the composite check digit.
    private static MrzLayout TwoLine(MrzFormat format, int length, bool hasComposite)
    {
        var hasOptionalCheck = format == MrzFormat.Td3;
        var optionalLength = length - 28 - (hasOptionalCheck ? 1 : 0) - (hasComposite ? 1 : 0);
        var optional = new MrzSpan(1, 28, optionalLength);
        return new MrzLayout
        {
            Format = format,
            LineCount = 2,
            LineLength = length,
            DocumentCode = new(0, 0, 2),
            IssuingState = new(0, 2, 3),
            Name = new(0, 5, length - 5),
            DocumentNumber = new(1, 0, 9),
            DocumentNumberCheck = new(1, 9, 1),
            Nationality = new(1, 10, 3),
            DateOfBirth = new(1, 13, 6),
            DateOfBirthCheck = new(1, 19, 1),
            Sex = new(1, 20, 1),
            ExpiryDate = new(1, 21, 6),
            ExpiryDateCheck = new(1, 27, 1),
            OptionalData = [optional],
            OptionalDataCheck = hasOptionalCheck ? new MrzSpan(1, 28 + optionalLength, 1) : null,
            Composite = hasComposite ? new MrzSpan(1, length - 1, 1) : null,
            CompositeCovers = hasComposite ? [new(1, 0, 10), new(1, 13, 7), new(1, 21, length - 22)] : [],
            DocumentNumberCanOverflow = format == MrzFormat.Td2,
        };
    }
}
