using System.Globalization;

namespace Verilock.Server.Dashboard;

/// <summary>How the pages write values: instants in UTC like the API, numbers with a fixed point in every language.</summary>
public static class Display
{
    public const string Missing = "—";

    public static string Time(DateTime? value) =>
        value is { } v ? v.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture) : Missing;

    /// <summary>The machine-readable form for <c>&lt;time datetime&gt;</c>.</summary>
    public static string IsoTime(DateTime value) => value.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Score(double? value) => value is { } v ? v.ToString("0.00", CultureInfo.InvariantCulture) : Missing;

    public static string Amount(double value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);

    public static string Text(string? value) => string.IsNullOrWhiteSpace(value) ? Missing : value;

    public static string Name(string? first, string? last)
    {
        var name = string.Join(' ', new[] { first, last }.Where(part => !string.IsNullOrWhiteSpace(part)));
        return name.Length == 0 ? Missing : name;
    }
}
