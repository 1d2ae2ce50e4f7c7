namespace Verilock.Domain.Mrz;

/// <summary>Turns the MRZ's YYMMDD into a date, choosing the century the way a reader of the document would.</summary>
internal static class MrzDates
{
    /// <summary>A birth date is never in the future, so the century is the latest one that keeps it on or before today.</summary>
    public static DateOnly? BirthDate(string yymmdd, DateOnly today)
    {
        if (!TrySplit(yymmdd, out var yy, out var month, out var day))
            return null;
        var year = today.Year - today.Year % 100 + yy;
        if ((year, month, day).CompareTo((today.Year, today.Month, today.Day)) > 0)
            year -= 100;
        return ToDate(year, month, day);
    }

    /// <summary>Documents run at most a few decades, so expiry lands within fifty years either side of today.</summary>
    public static DateOnly? ExpiryDate(string yymmdd, DateOnly today)
    {
        if (!TrySplit(yymmdd, out var yy, out var month, out var day))
            return null;
        var year = today.Year - today.Year % 100 + yy;
        if (year > today.Year + 50)
            year -= 100;
        else if (year < today.Year - 50)
            year += 100;
        return ToDate(year, month, day);
    }

    private static bool TrySplit(string yymmdd, out int yy, out int month, out int day)
    {
        yy = month = day = 0;
        if (yymmdd.Length != 6 || !yymmdd.All(char.IsAsciiDigit))
            return false;
        yy = int.Parse(yymmdd.AsSpan(0, 2));
        month = int.Parse(yymmdd.AsSpan(2, 2));
        day = int.Parse(yymmdd.AsSpan(4, 2));
        return true;
    }

    // Day or month 00 is how some states print a partly unknown date; it is no date we can compare.
    private static DateOnly? ToDate(int year, int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? new DateOnly(year, month, day)
            : null;
}
