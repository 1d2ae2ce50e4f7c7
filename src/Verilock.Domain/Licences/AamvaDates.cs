namespace Verilock.Domain.Licences;

/// <summary>
/// AAMVA dates are eight digits whose order depends on the issuer: MMDDCCYY in the US, CCYYMMDD in Canada and in
/// version 1. Real barcodes do not always follow their own country's order, so when the expected order gives no
/// valid date the other one is tried: a year like 19xx/20xx can never pass as a month, so the two never collide.
/// </summary>
internal static class AamvaDates
{
    public static DateOnly? Parse(string? value, bool yearFirst)
    {
        if (value is null)
            return null;
        var digits = value.Trim();
        if (digits.Length != 8 || !digits.All(char.IsAsciiDigit))
            return null;
        return yearFirst
            ? YearFirst(digits) ?? MonthFirst(digits)
            : MonthFirst(digits) ?? YearFirst(digits);
    }

    private static DateOnly? MonthFirst(string d) => Make(Int(d, 4, 4), Int(d, 0, 2), Int(d, 2, 2));

    private static DateOnly? YearFirst(string d) => Make(Int(d, 0, 4), Int(d, 4, 2), Int(d, 6, 2));

    private static int Int(string s, int start, int length) => int.Parse(s.AsSpan(start, length));

    private static DateOnly? Make(int year, int month, int day)
    {
        if (year < 1850 || year > 2200 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
            return null;
        return new DateOnly(year, month, day);
    }
}
