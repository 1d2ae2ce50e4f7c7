using System.Globalization;
using System.Text.RegularExpressions;
using Verilock.Screening.Model;

namespace Verilock.Screening.Lists;

/// <summary>
/// The facts OFAC keeps in an entry's free-text remarks, "DOB 12 Jan 1960; alt. DOB 1961; POB
/// Tehran, Iran; nationality Iran; Passport A123 (Iran); a.k.a. 'ABU X'". Quoted a.k.a.s in the
/// remarks are OFAC's weak aliases (the strong ones are in alt.csv).
/// </summary>
internal sealed partial record OfacRemarks(
    IReadOnlyList<BirthDate> BirthDates,
    IReadOnlyList<string> Nationalities,
    IReadOnlyList<EntityIdentifier> Identifiers,
    IReadOnlyList<string> WeakAliases)
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    /// <summary>Document kinds worth keeping; the remarks hold many other facts (addresses, websites, e-mails).</summary>
    private static readonly string[] IdentifierTypes =
    [
        "Passport", "National ID No.", "Cedula No.", "Tax ID No.", "Registration Number", "Registration ID",
        "Identification Number", "SSN", "NIT #", "RFC", "CURP", "D.N.I.", "Driver's License No.",
        "C.U.I.T.", "Vessel Registration Identification", "Personal ID Card", "Birth Certificate Number",
        "Residency Number", "Military ID No.", "Public Security and Immigration No.", "Travel Document Number",
    ];

    public static OfacRemarks Parse(string remarks)
    {
        var dates = new List<BirthDate>();
        var nationalities = new List<string>();
        var identifiers = new List<EntityIdentifier>();
        var weakAliases = WeakAlias().Matches(remarks).Select(m => m.Groups["name"].Value.Trim()).Where(a => a.Length > 0).ToList();

        foreach (var raw in remarks.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = raw.TrimEnd('.').Trim();
            if (segment.StartsWith("alt. ", StringComparison.Ordinal))
                segment = segment[5..];

            if (segment.StartsWith("DOB ", StringComparison.Ordinal))
            {
                if (ParseDate(segment[4..]) is { } date)
                    dates.Add(date);
            }
            else if (NationalityLabel().Match(segment) is { Success: true } nationality)
            {
                if (Countries.ToAlpha2(nationality.Groups["country"].Value) is { } code && !nationalities.Contains(code))
                    nationalities.Add(code);
            }
            else if (ParseIdentifier(segment) is { } identifier)
            {
                identifiers.Add(identifier);
            }
        }
        return new OfacRemarks(dates, nationalities, identifiers, weakAliases);
    }

    /// <summary>"12 Jan 1960", "Jan 1960", "1960", "circa 1960", "1960 to 1962", "01 Jan 1960 to 31 Dec 1962", "circa 1960-1962".</summary>
    internal static BirthDate? ParseDate(string text)
    {
        var match = DateOrRange().Match(text.Trim());
        if (!match.Success)
            return null;
        var from = PointDate(match.Groups["from"].Value);
        if (from is null)
            return null;
        if (!match.Groups["to"].Success)
            return from;
        var to = PointDate(match.Groups["to"].Value);
        return to is null ? from : BirthDate.Between(from.Year, to.Year);
    }

    private static BirthDate? PointDate(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (!int.TryParse(parts[^1], NumberStyles.None, CultureInfo.InvariantCulture, out var year))
            return null;
        if (parts.Length == 1)
            return BirthDate.OfYear(year);
        var month = Array.IndexOf(Months, parts[^2].ToLowerInvariant()[..Math.Min(3, parts[^2].Length)]) + 1;
        if (month == 0)
            return BirthDate.OfYear(year);
        if (parts.Length == 2)
            return BirthDate.OfMonth(year, month);
        return int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
               && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            ? BirthDate.OfDay(year, month, day)
            : BirthDate.OfMonth(year, month);
    }

    private static EntityIdentifier? ParseIdentifier(string segment)
    {
        foreach (var type in IdentifierTypes)
        {
            if (!segment.StartsWith(type + " ", StringComparison.Ordinal))
                continue;
            var rest = segment[(type.Length + 1)..].Trim();
            string? country = null;
            var open = rest.IndexOf(" (", StringComparison.Ordinal);
            if (open > 0 && rest.EndsWith(')'))
            {
                country = Countries.ToAlpha2(rest[(open + 2)..^1]);
                rest = rest[..open].Trim();
            }
            return rest.Length == 0 ? null : new EntityIdentifier(type, rest, country);
        }
        return null;
    }

    [GeneratedRegex(@"^(?:circa\s+)?(?<from>(?:\d{1,2}\s+)?(?:[A-Za-z]{3,9}\s+)?\d{4})(?:\s*(?:to|-)\s*(?<to>(?:\d{1,2}\s+)?(?:[A-Za-z]{3,9}\s+)?\d{4}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex DateOrRange();

    [GeneratedRegex(@"^(?:nationality|Citizen)\s+(?<country>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex NationalityLabel();

    [GeneratedRegex(@"\b[afn]\.k\.a\.\s+'(?<name>[^']+)'", RegexOptions.CultureInvariant)]
    private static partial Regex WeakAlias();
}
