using System.Globalization;

namespace Verilock.Screening.Model;

/// <summary>
/// A birth date as precise as the publisher knows it: a full date, a year and month, a year, or a
/// range of years ("between 1960 and 1962", OFAC "1960 to 1962"). Approximate years ("circa
/// 1960") are stored as the year; the scorer already tolerates one year either way.
/// </summary>
public sealed record BirthDate
{
    public int Year { get; }
    public int? Month { get; }
    public int? Day { get; }

    /// <summary>Last year of a range; equal to <see cref="Year"/> for a single date.</summary>
    public int ToYear { get; }

    private BirthDate(int year, int? month, int? day, int toYear)
    {
        Year = year;
        Month = month;
        Day = day;
        ToYear = toYear;
    }

    public bool IsRange => ToYear != Year;

    public static BirthDate OfYear(int year) => new(year, null, null, year);

    public static BirthDate OfMonth(int year, int month) => new(year, month, null, year);

    public static BirthDate OfDay(int year, int month, int day) => new(year, month, day, year);

    /// <summary>Years <paramref name="from"/>..<paramref name="to"/>; a one-year range is a plain year.</summary>
    public static BirthDate Between(int from, int to) =>
        to <= from ? OfYear(from) : new BirthDate(from, null, null, to);

    /// <summary>Parses <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>, month and day padded or not (<c>1969-7-6</c>); false for anything else or an impossible date.</summary>
    public static bool TryParseIso(string? text, out BirthDate date)
    {
        date = null!;
        if (string.IsNullOrWhiteSpace(text))
            return false;
        var parts = text.Trim().Split('-');
        if (parts.Length > 3 || parts[0].Length != 4 || parts.Skip(1).Any(p => p.Length is < 1 or > 2))
            return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1000)
            return false;
        if (parts.Length == 1)
        {
            date = OfYear(year);
            return true;
        }
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month) || month is < 1 or > 12)
            return false;
        if (parts.Length == 2)
        {
            date = OfMonth(year, month);
            return true;
        }
        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || day < 1 || day > DateTime.DaysInMonth(year, month))
            return false;
        date = OfDay(year, month, day);
        return true;
    }

    /// <summary>The spec's form: <c>YYYY</c>, <c>YYYY-MM</c> or <c>YYYY-MM-DD</c>; a range shows its first year.</summary>
    public override string ToString() => (Month, Day) switch
    {
        ({ } m, { } d) => $"{Year:D4}-{m:D2}-{d:D2}",
        ({ } m, null) => $"{Year:D4}-{m:D2}",
        _ => Year.ToString("D4", CultureInfo.InvariantCulture),
    };
}
